package dev.tracerlinks.tracker.keys;

import dev.tracerlinks.model.ApiKeyCreated;
import dev.tracerlinks.model.ApiKeyInfo;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.TextFields;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;

/**
 * Issues, lists, revokes and checks API keys. A key reads {@code tlk_<id>_<secret>}: the id finds the
 * row, and the secret's SHA-256 is compared in constant time with the stored hash. The secrets are
 * 256 random bits, so a fast hash is enough: there is nothing to brute-force.
 */
public final class ApiKeys {
    private static final Pattern KEY_FORMAT = Pattern.compile("tlk_([a-z0-9]{12})_([A-Za-z0-9_-]{43})");
    private static final String ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
    private static final int MAX_NAME_LENGTH = 100;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** SHA-256 of {@code TRACKER_ADMIN_KEY}; that key exists only in the environment, never on disk. */
    private final Optional<byte[]> environmentAdminKeyHash;

    public ApiKeys(Jdbi jdbi, Clock clock, Optional<String> environmentAdminKey) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.environmentAdminKeyHash = environmentAdminKey.map(ApiKeys::sha256);
    }

    /** The scopes of the presented key, or empty when the key is unknown or malformed. */
    public Optional<Set<Scope>> authenticate(String presentedKey) {
        byte[] presentedHash = sha256(presentedKey);
        if (environmentAdminKeyHash.isPresent() && MessageDigest.isEqual(environmentAdminKeyHash.get(), presentedHash)) {
            return Optional.of(EnumSet.of(Scope.ADMIN));
        }
        Matcher matcher = KEY_FORMAT.matcher(presentedKey);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        byte[] secretHash = sha256(matcher.group(2));
        return jdbi.withExtension(ApiKeyDao.class, dao -> dao.findById(matcher.group(1)))
                .filter(stored -> MessageDigest.isEqual(HexFormat.of().parseHex(stored.keyHash()), secretHash))
                .map(stored -> parseStoredScopes(stored.scopes()));
    }

    public ApiKeyCreated create(List<String> scopeNames, String requestedName) {
        Set<Scope> scopes = parseRequestedScopes(scopeNames);
        String name = TextFields.optional("name", requestedName, MAX_NAME_LENGTH);
        String id = randomId();
        byte[] secretBytes = new byte[32];
        random.nextBytes(secretBytes);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(secretBytes);
        var stored = new ApiKeyDao.StoredKey(id, name, HexFormat.of().formatHex(sha256(secret)),
                joinScopes(scopes), clock.instant().truncatedTo(ChronoUnit.SECONDS));
        jdbi.useExtension(ApiKeyDao.class, dao -> dao.insert(stored));
        return new ApiKeyCreated(id, "tlk_" + id + "_" + secret, name, wireNames(scopes), stored.createdAt());
    }

    public List<ApiKeyInfo> list() {
        return jdbi.withExtension(ApiKeyDao.class, ApiKeyDao::listAll).stream()
                .map(stored -> new ApiKeyInfo(stored.id(), stored.name(),
                        wireNames(parseStoredScopes(stored.scopes())), stored.createdAt()))
                .toList();
    }

    public void delete(String id) {
        if (jdbi.withExtension(ApiKeyDao.class, dao -> dao.delete(id)) == 0) {
            throw ApiException.notFound("No API key has the id " + id + ".", Map.of("id", id));
        }
    }

    private static Set<Scope> parseRequestedScopes(List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new ApiException(400, "Missing required field: scopes; give one or more of " + allWireNames() + ".",
                    Map.of("required_fields", List.of("scopes")));
        }
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(Scope.fromWireName(name).orElseThrow(() -> ApiException.badRequest(
                    "Unknown scope \"" + name + "\"; valid scopes are " + allWireNames() + ".")));
        }
        return scopes;
    }

    private static Set<Scope> parseStoredScopes(String stored) {
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        Arrays.stream(stored.split(" ")).map(Scope::fromWireName).flatMap(Optional::stream).forEach(scopes::add);
        return scopes;
    }

    private static String joinScopes(Set<Scope> scopes) {
        return String.join(" ", wireNames(scopes));
    }

    private static List<String> wireNames(Set<Scope> scopes) {
        List<String> names = new ArrayList<>();
        scopes.forEach(scope -> names.add(scope.wireName()));
        return names;
    }

    private static String allWireNames() {
        return String.join(", ", wireNames(EnumSet.allOf(Scope.class)));
    }

    private String randomId() {
        StringBuilder id = new StringBuilder(12);
        for (int i = 0; i < 12; i++) {
            id.append(ID_ALPHABET.charAt(random.nextInt(ID_ALPHABET.length())));
        }
        return id.toString();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
