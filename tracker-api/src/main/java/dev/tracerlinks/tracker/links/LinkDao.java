package dev.tracerlinks.tracker.links;

import dev.tracerlinks.model.LinkData;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.Nested;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(LinkData.class)
@RegisterConstructorMapper(LinkDao.ChangedLink.class)
public interface LinkDao {
    /** A link as the replica feed sends it, with the sequence number of its latest change. */
    record ChangedLink(@Nested LinkData link, long changeSeq) {
    }


    String COLUMNS = """
            tracking_id, original_url, redirect_url, link_function, link_type, job_id, application_id,
            is_active, description, source_path, created_at, append_click_id, click_id_param, source_id, title,
            credited_to, tracking_code, tracking_code_param
            """;

    @SqlQuery("SELECT " + COLUMNS + " FROM link_tracking WHERE tracking_id = :trackingId")
    Optional<LinkData> findById(@Bind("trackingId") String trackingId);

    /**
     * The newest live link for this spot in this job's resume, if it still goes to this destination
     * with the same tracking options (a given tracking code must match too; none given reuses the link's).
     */
    @SqlQuery("SELECT " + COLUMNS + """
             FROM link_tracking
            WHERE job_id = :jobId AND source_path = :sourcePath AND original_url = :originalUrl AND is_active = 1
              AND append_click_id = :appendClickId AND click_id_param IS NOT DISTINCT FROM :clickIdParam AND source_id IS NOT DISTINCT FROM :sourceId
              AND tracking_code_param IS NOT DISTINCT FROM :trackingCodeParam AND (:trackingCode IS NULL OR tracking_code = :trackingCode)
            ORDER BY created_at DESC LIMIT 1
            """)
    Optional<LinkData> findReusable(@Bind("jobId") String jobId, @Bind("sourcePath") String sourcePath,
            @Bind("originalUrl") String originalUrl, @Bind("appendClickId") boolean appendClickId,
            @Bind("clickIdParam") String clickIdParam, @Bind("sourceId") String sourceId,
            @Bind("trackingCodeParam") String trackingCodeParam, @Bind("trackingCode") String trackingCode);

    @SqlQuery("SELECT count(*) FROM link_tracking WHERE tracking_code = :code")
    int countWithCode(@Bind("code") String code);

    @SqlQuery("SELECT " + COLUMNS + " FROM link_tracking WHERE job_id = :jobId ORDER BY created_at, tracking_id")
    List<LinkData> findByJob(@Bind("jobId") String jobId);

    /** Which of these tracking ids exist. */
    @SqlQuery("SELECT tracking_id FROM link_tracking WHERE tracking_id IN (<trackingIds>)")
    List<String> existing(@BindList("trackingIds") Collection<String> trackingIds);

    /** Tokens already taken under a slug; the caller picks those with a suffix of the length it is filling. */
    @SqlQuery("SELECT tracking_id FROM link_tracking WHERE tracking_id LIKE :slug || '-%'")
    List<String> tokensStartingWith(@Bind("slug") String slug);

    @SqlUpdate("""
            INSERT INTO link_tracking (tracking_id, original_url, redirect_url, link_function, link_type, job_id,
                                       application_id, is_active, description, source_path, created_at, append_click_id,
                                       click_id_param, source_id, title, credited_to, tracking_code, tracking_code_param,
                                       change_seq)
            VALUES (:trackingId, :originalUrl, :redirectUrl, :linkFunction, :linkType, :jobId,
                    :applicationId, :isActive, :description, :sourcePath, :createdAt, :appendClickId,
                    :clickIdParam, :sourceId, :title, :creditedTo, :trackingCode, :trackingCodeParam,
                    (SELECT coalesce(max(change_seq), 0) + 1 FROM link_tracking))
            """)
    void insert(@BindMethods LinkData link);

    @SqlUpdate("""
            UPDATE link_tracking
               SET is_active = 0, change_seq = (SELECT coalesce(max(change_seq), 0) + 1 FROM link_tracking)
             WHERE tracking_id = :trackingId
            """)
    void deactivate(@Bind("trackingId") String trackingId);

    @SqlQuery("SELECT coalesce(max(change_seq), 0) FROM link_tracking")
    long latestChangeSeq();

    /** Links whose latest change comes after {@code afterSeq}, oldest change first. */
    @SqlQuery("SELECT " + COLUMNS + ", change_seq FROM link_tracking WHERE change_seq > :afterSeq ORDER BY change_seq LIMIT :limit")
    List<ChangedLink> changedAfter(@Bind("afterSeq") long afterSeq, @Bind("limit") int limit);
}
