package dev.tracerlinks.tracker.analytics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonyms for stored visitor hashes, under a random key that lives as long as this object (one
 * export): equal hashes get equal pseudonyms, and without the key, which is never kept, a pseudonym
 * leads back to nothing. 64 bits: collisions among the visitors of one export are negligible.
 */
final class VisitorPseudonyms {
    private final Mac mac;

    VisitorPseudonyms() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        try {
            mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /** {@code null} for clicks without a visitor hash (do-not-track, no salt). */
    String of(String visitorHash) {
        if (visitorHash == null) {
            return null;
        }
        byte[] digest = mac.doFinal(visitorHash.getBytes(StandardCharsets.UTF_8));
        return "v" + HexFormat.of().formatHex(digest, 0, 8);
    }
}
