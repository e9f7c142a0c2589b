package dev.tracerlinks.tracker.readiness;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Name resolution, behind an interface so tests can give a host any addresses they need. */
@FunctionalInterface
public interface HostResolver {
    List<InetAddress> resolve(String host) throws UnknownHostException;

    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
