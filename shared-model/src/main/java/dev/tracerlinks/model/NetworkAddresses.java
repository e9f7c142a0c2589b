package dev.tracerlinks.model;

import java.util.Locale;

/**
 * Which addresses and host names lie outside the public internet: the rule behind readiness (a
 * public base URL), destinations (no redirect into a recruiter's own network) and webhooks. Pure
 * byte and string logic; nothing here asks DNS.
 */
public final class NetworkAddresses {
    private NetworkAddresses() {
    }

    /** Why an IPv4 (4 bytes) or IPv6 (16 bytes) address cannot be reached from the internet, or null when it can. */
    public static String nonPublicKind(byte[] bytes) {
        if (bytes.length == 16) {
            if (isZero(bytes, 0, 10) && (bytes[10] & 0xff) == 0xff && (bytes[11] & 0xff) == 0xff) {
                return nonPublicKind(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
            }
            return nonPublicIpv6(bytes);
        }
        if (bytes.length != 4) {
            return "not an address";
        }
        int a = bytes[0] & 0xff;
        int b = bytes[1] & 0xff;
        int c = bytes[2] & 0xff;
        if (a == 127) {
            return "loopback";
        }
        if (a == 0) {
            return "unspecified";
        }
        if (a == 169 && b == 254) {
            return "link-local";
        }
        if (a == 10 || a == 172 && (b & 0xf0) == 16 || a == 192 && b == 168) {
            return "private";
        }
        if (a >= 224 && a < 240) {
            return "multicast";
        }
        if (a >= 240) {
            return "reserved";
        }
        if (a == 100 && (b & 0xc0) == 64) {
            return "carrier-grade NAT";
        }
        if (a == 198 && (b & 0xfe) == 18) {
            return "benchmarking";
        }
        if (a == 192 && b == 0 && c == 0) {
            return "IETF protocol assignments";
        }
        if (a == 192 && b == 0 && c == 2 || a == 198 && b == 51 && c == 100 || a == 203 && b == 0 && c == 113) {
            return "documentation";
        }
        return null;
    }

    private static String nonPublicIpv6(byte[] bytes) {
        if (isZero(bytes, 0, 15)) {
            return (bytes[15] & 0xff) == 1 ? "loopback" : (bytes[15] == 0 ? "unspecified" : "reserved");
        }
        if (isZero(bytes, 0, 12)) {
            return "reserved";
        }
        int first = bytes[0] & 0xff;
        int second = bytes[1] & 0xff;
        if (first == 0xfe && (second & 0xc0) == 0x80) {
            return "link-local";
        }
        if (first == 0xfe && (second & 0xc0) == 0xc0) {
            return "private";
        }
        if ((first & 0xfe) == 0xfc) {
            return "private IPv6";
        }
        if (first == 0xff) {
            return "multicast";
        }
        if (first == 0x20 && second == 0x01 && (bytes[2] & 0xff) == 0x0d && (bytes[3] & 0xff) == 0xb8) {
            return "documentation";
        }
        if (first == 0x20 && second == 0x02) {
            // 6to4 carries an IPv4 address in bits 16-47: it is as public as that address.
            return nonPublicKind(new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]});
        }
        if (first == 0x00 && second == 0x64 && (bytes[2] & 0xff) == 0xff && (bytes[3] & 0xff) == 0x9b && isZero(bytes, 4, 12)) {
            // NAT64 (64:ff9b::/96) reaches the IPv4 address in its last 32 bits.
            return nonPublicKind(new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]});
        }
        return null;
    }

    /**
     * The address a URL's host names when it is an address, read as browsers read it (the WHATWG URL
     * standard): {@code [v6]}, and IPv4 also in the short, decimal, octal and hex forms
     * ({@code 127.1}, {@code 2130706433}, {@code 0x7f.0.0.1}, {@code 0177.0.0.1}). Null for a name.
     */
    public static byte[] urlHostAddress(String host) {
        if (host.startsWith("[") && host.endsWith("]")) {
            return Anonymizer.parseIpLiteral(host);
        }
        String[] parts = host.endsWith(".") ? host.substring(0, host.length() - 1).split("\\.", -1) : host.split("\\.", -1);
        if (parts.length == 0 || parts.length > 4 || parseIpv4Number(parts[parts.length - 1]) < 0) {
            return null;
        }
        long[] numbers = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            numbers[i] = parseIpv4Number(parts[i]);
            if (numbers[i] < 0 || i < parts.length - 1 && numbers[i] > 255) {
                return null;
            }
        }
        long last = numbers[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        long value = last;
        for (int i = 0; i < parts.length - 1; i++) {
            value += numbers[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** One WHATWG IPv4 part: decimal, {@code 0x} hex or {@code 0}-prefixed octal; -1 when it is not a number. */
    private static long parseIpv4Number(String part) {
        if (part.isEmpty() || part.length() > 32) {
            return -1;
        }
        int radix = 10;
        String digits = part.toLowerCase(Locale.ROOT);
        if (digits.startsWith("0x")) {
            radix = 16;
            digits = digits.substring(2);
            if (digits.isEmpty()) {
                return 0;
            }
        } else if (digits.length() > 1 && digits.startsWith("0")) {
            radix = 8;
            digits = digits.substring(1);
        }
        try {
            long value = Long.parseLong(digits, radix);
            return value < 0 || value > 0xffffffffL ? -1 : value;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Why a host name can only mean a machine on the local network, or null when it may be public:
     * {@code localhost} and the names reserved for local use ({@code .local}, {@code .internal},
     * {@code .home.arpa}, ...), and names without a dot, which resolve only inside a network.
     */
    public static String localNameKind(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        name = name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return "loopback";
        }
        for (String suffix : new String[] {".local", ".internal", ".home.arpa", ".localdomain", ".lan", ".intranet", ".corp"}) {
            if (name.endsWith(suffix)) {
                return "a local network name";
            }
        }
        if (!name.contains(".")) {
            return "a name without a domain";
        }
        return null;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
