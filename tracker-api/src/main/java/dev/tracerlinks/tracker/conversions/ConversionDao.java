package dev.tracerlinks.tracker.conversions;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ConversionDao.Click.class)
@RegisterConstructorMapper(ConversionDao.Stored.class)
public interface ConversionDao {
    /** The click a conversion belongs to. */
    record Click(String trackingId, boolean isBot) {
    }

    /** A conversion as stored. */
    record Stored(Instant occurredAt, Double value) {
    }

    @SqlQuery("SELECT tracking_id, is_bot FROM link_clicks WHERE click_id = :clickId")
    Optional<Click> findClick(@Bind("clickId") String clickId);

    @SqlQuery("SELECT occurred_at, value FROM conversions WHERE click_id = :clickId AND event = :event")
    Optional<Stored> find(@Bind("clickId") String clickId, @Bind("event") int event);

    @SqlUpdate("""
            INSERT INTO conversions (click_id, event, tracking_id, occurred_at, value, recorded_at)
            VALUES (:clickId, :event, :trackingId, :occurredAt, :value, :recordedAt)
            ON CONFLICT (click_id, event) DO NOTHING
            """)
    /** False when this event of this click is stored already (reported twice at the same moment). */
    boolean insert(@Bind("clickId") String clickId, @Bind("event") int event, @Bind("trackingId") String trackingId,
                @Bind("occurredAt") Instant occurredAt, @Bind("value") Double value, @Bind("recordedAt") Instant recordedAt);
}
