package dev.tracerlinks.tracker.sources;

import dev.tracerlinks.model.Source;
import dev.tracerlinks.model.SourceRequest;
import dev.tracerlinks.tracker.http.ApiException;
import dev.tracerlinks.tracker.http.TextFields;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jdbi.v3.core.Jdbi;

/** Creating, listing, renaming and archiving sources. Archived sources keep their links and history. */
public final class Sources {
    /** The kinds an ATS offers; {@code other} covers the rest. */
    public static final Set<String> TYPES = Set.of("job_board", "referral", "social", "agency", "email", "career_site", "event", "other");
    private static final int MAX_NAME = 200;

    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public Sources(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    public Source create(SourceRequest request) {
        String name = name(request.name());
        if (name == null) {
            throw ApiException.missingFields(List.of("name"), List.of("name", "type"));
        }
        Instant now = now();
        byte[] id = new byte[5];
        random.nextBytes(id);
        Source source = new Source("src_" + HexFormat.of().formatHex(id), name, type(request.type() == null ? "other" : request.type()),
                false, now, now);
        jdbi.useExtension(SourceDao.class, dao -> dao.insert(source));
        return source;
    }

    public List<Source> list() {
        return jdbi.withExtension(SourceDao.class, SourceDao::all);
    }

    public Source get(String sourceId) {
        return jdbi.withExtension(SourceDao.class, dao -> dao.findById(sourceId)).orElseThrow(() -> unknownSource(sourceId));
    }

    public Source update(String sourceId, SourceRequest request) {
        if (request.name() == null && request.type() == null && request.archived() == null) {
            throw ApiException.badRequest("Nothing to change; send name, type or archived.");
        }
        return jdbi.inTransaction(handle -> {
            SourceDao dao = handle.attach(SourceDao.class);
            Source existing = dao.findById(sourceId).orElseThrow(() -> unknownSource(sourceId));
            String name = request.name() == null ? existing.name() : name(request.name());
            if (name == null) {
                throw ApiException.badRequest("name cannot be empty.");
            }
            Source updated = new Source(sourceId, name, request.type() == null ? existing.type() : type(request.type()),
                    request.archived() == null ? existing.archived() : request.archived(), existing.createdAt(), now());
            dao.update(updated);
            return updated;
        });
    }

    public static ApiException unknownSource(String sourceId) {
        return ApiException.notFound("Source " + sourceId + " does not exist; list them with GET /api/sources.", Map.of("source_id", sourceId));
    }

    private static String name(String value) {
        return TextFields.optional("name", value, MAX_NAME);
    }

    private static String type(String value) {
        if (!TYPES.contains(value)) {
            throw ApiException.badRequest("type must be one of " + String.join(", ", TYPES.stream().sorted().toList()) + "; got " + value + ".");
        }
        return value;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
