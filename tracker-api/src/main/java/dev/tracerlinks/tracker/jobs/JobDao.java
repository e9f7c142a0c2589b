package dev.tracerlinks.tracker.jobs;

import dev.tracerlinks.model.Job;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Job.class)
public interface JobDao {

    @SqlQuery("SELECT job_id, company, title, tracer_links_enabled, created_at, updated_at FROM jobs WHERE job_id = :jobId")
    Optional<Job> findById(@Bind("jobId") String jobId);

    @SqlUpdate("""
            INSERT INTO jobs (job_id, company, title, tracer_links_enabled, created_at, updated_at)
            VALUES (:jobId, :company, :title, :tracerLinksEnabled, :createdAt, :updatedAt)
            ON CONFLICT (job_id) DO NOTHING
            """)
    /** False when the job exists already (made by a request at the same moment, on PostgreSQL perhaps another instance). */
    boolean insert(@BindMethods Job job);

    @SqlUpdate("""
            UPDATE jobs SET company = :company, title = :title, tracer_links_enabled = :tracerLinksEnabled,
                            updated_at = :updatedAt
            WHERE job_id = :jobId
            """)
    void update(@BindMethods Job job);
}
