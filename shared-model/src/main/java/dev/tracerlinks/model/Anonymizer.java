package dev.tracerlinks.model;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Turns a client address into what we are allowed to keep: its network prefix (IPv4 /24, IPv6 /48)
 * and a visitor hash keyed by the day's salt. The raw address lives only in memory, in a local variable.
 */
public final class Anonymizer {
    private static final HexFormat HEX = HexFormat.of();

    private Anonymizer() {
    }

    /** {@code 203.0.113.77} → {@code 203.0.113.0/24}; {@code 2001:db8:1:2::5} → {@code 2001:db8:1::/48}; empty when not an IP literal. */
    public static Optional<String> ipPrefix(String address) {
        byte[] bytes = parseIpLiteral(address);
        return bytes == null ? Optional.empty() : Optional.of(ipPrefix(bytes));
    }

    /** The prefix of an address already parsed by {@link #parseIpLiteral} (4 or 16 bytes). */
    public static String ipPrefix(byte[] bytes) {
        if (bytes.length != 4 && bytes.length != 16) {
            throw new IllegalArgumentException("an IP address has 4 or 16 bytes, not " + bytes.length);
        }
        if (bytes.length == 16 && bytes[0] == 0x20 && bytes[1] == 0x02) {
            // 6to4 (2002::/16) carries the whole IPv4 address in bits 16-47, inside the /48: cut that instead.
            bytes = new byte[] {bytes[2], bytes[3], bytes[4], bytes[5]};
        }
        if (bytes.length == 4) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/24";
        }
        int g0 = ((bytes[0] & 0xff) << 8) | (bytes[1] & 0xff);
        int g1 = ((bytes[2] & 0xff) << 8) | (bytes[3] & 0xff);
        int g2 = ((bytes[4] & 0xff) << 8) | (bytes[5] & 0xff);
        StringBuilder prefix = new StringBuilder(Integer.toHexString(g0));
        // Trailing zero groups fold into the "::" that stands for the zeroed host part.
        if (g1 != 0 || g2 != 0) {
            prefix.append(':').append(Integer.toHexString(g1));
        }
        if (g2 != 0) {
            prefix.append(':').append(Integer.toHexString(g2));
        }
        return prefix.append("::/48").toString();
    }

    /**
     * A visitor hash for unique counts: HMAC-SHA256 of the identity (address and user agent, or an
     * external session id) under the day's salt, shortened to 128 bits. Without the salt, which is
     * destroyed after two days, nobody can link it back to an address.
     */
    public static String visitorHash(String salt, String identity) {
        KeyedMac keyed = MACS.get();
        if (!salt.equals(keyed.salt)) {
            // Looking up and keying a Mac costs more than the hash itself; each thread keeps one per salt.
            keyed = new KeyedMac(salt);
            MACS.set(keyed);
        }
        byte[] digest = keyed.mac.doFinal(identity.getBytes(StandardCharsets.UTF_8));
        return HEX.formatHex(digest, 0, 16);
    }

    private static final ThreadLocal<KeyedMac> MACS = ThreadLocal.withInitial(() -> new KeyedMac(""));

    private static final class KeyedMac {
        final String salt;
        final Mac mac;

        KeyedMac(String salt) {
            this.salt = salt;
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec((salt.isEmpty() ? "-" : salt).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
            }
        }
    }

    /** The identity a visitor hash is made from: the address (normalised) and the user agent. */
    public static Optional<String> addressIdentity(String address, String userAgent) {
        byte[] bytes = parseIpLiteral(address);
        return bytes == null ? Optional.empty() : Optional.of(addressIdentity(bytes, userAgent));
    }

    /** The identity of an address already parsed by {@link #parseIpLiteral}. */
    public static String addressIdentity(byte[] address, String userAgent) {
        return HEX.formatHex(address) + "\n" + (userAgent == null ? "" : userAgent);
    }

    /** {@code DNT: 1} or {@code Sec-GPC: 1}: keep no hash, no prefix and no user agent for this click. */
    public static boolean optedOut(String doNotTrack, String globalPrivacyControl) {
        return "1".equals(strip(doNotTrack)) || "1".equals(strip(globalPrivacyControl));
    }

    /**
     * Parses an IPv4 dotted quad or an IPv6 literal (compressed, with an embedded IPv4 tail, with a zone
     * id, in brackets) without ever asking DNS. IPv4-mapped IPv6 addresses come back as 4 bytes.
     * Returns null for anything else.
     */
    public static byte[] parseIpLiteral(String text) {
        if (text == null) {
            return null;
        }
        String address = text.strip();
        if (address.startsWith("[") && address.endsWith("]")) {
            address = address.substring(1, address.length() - 1);
        }
        if (address.indexOf(':') < 0) {
            return parseIpv4(address);
        }
        int zone = address.indexOf('%');
        if (zone >= 0) {
            address = address.substring(0, zone);
        }
        byte[] bytes = parseIpv6(address);
        if (bytes != null && isIpv4Mapped(bytes)) {
            return new byte[] {bytes[12], bytes[13], bytes[14], bytes[15]};
        }
        return bytes;
    }

    /** Four decimal numbers of one to three digits, each at most 255, between three dots. */
    private static byte[] parseIpv4(String address) {
        byte[] bytes = new byte[4];
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = 0; i <= address.length(); i++) {
            char c = i < address.length() ? address.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value * 10 + (c - '0');
                if (++digits > 3 || value > 255) {
                    return null;
                }
            } else if (c == '.' && digits > 0 && part < 4) {
                bytes[part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return null;
            }
        }
        return part == 4 ? bytes : null;
    }

    private static byte[] parseIpv6(String address) {
        int doubleColon = address.indexOf("::");
        if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon >= 0 ? address.substring(0, doubleColon) : address;
        String tail = doubleColon >= 0 ? address.substring(doubleColon + 2) : "";
        int[] headGroups = parseGroups(head, doubleColon < 0);
        int[] tailGroups = parseGroups(tail, true);
        if (headGroups == null || tailGroups == null) {
            return null;
        }
        int groups = headGroups.length + tailGroups.length;
        if (doubleColon < 0 ? groups != 8 : groups > 7) {
            return null;
        }
        int[] all = new int[8];
        System.arraycopy(headGroups, 0, all, 0, headGroups.length);
        System.arraycopy(tailGroups, 0, all, 8 - tailGroups.length, tailGroups.length);
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[2 * i] = (byte) (all[i] >> 8);
            bytes[2 * i + 1] = (byte) all[i];
        }
        return bytes;
    }

    /** Colon-separated hex groups; the last one may be an IPv4 dotted quad (two groups) when allowed. */
    private static int[] parseGroups(String part, boolean ipv4TailAllowed) {
        if (part.isEmpty()) {
            return new int[0];
        }
        String[] texts = part.split(":", -1);
        int[] groups = new int[texts.length + 1];
        int count = 0;
        for (int i = 0; i < texts.length; i++) {
            String text = texts[i];
            if (i == texts.length - 1 && ipv4TailAllowed && text.indexOf('.') >= 0) {
                byte[] ipv4 = parseIpv4(text);
                if (ipv4 == null) {
                    return null;
                }
                groups[count++] = ((ipv4[0] & 0xff) << 8) | (ipv4[1] & 0xff);
                groups[count++] = ((ipv4[2] & 0xff) << 8) | (ipv4[3] & 0xff);
                continue;
            }
            if (text.isEmpty() || text.length() > 4) {
                return null;
            }
            int value = 0;
            for (int c = 0; c < text.length(); c++) {
                int digit = Character.digit(text.charAt(c), 16);
                if (digit < 0) {
                    return null;
                }
                value = value * 16 + digit;
            }
            groups[count++] = value;
        }
        int[] result = new int[count];
        System.arraycopy(groups, 0, result, 0, count);
        return result;
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String strip(String header) {
        return header == null ? null : header.strip();
    }
}
