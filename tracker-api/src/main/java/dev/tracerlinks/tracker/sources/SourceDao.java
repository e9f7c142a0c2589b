package dev.tracerlinks.tracker.sources;

import dev.tracerlinks.model.Source;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Source.class)
public interface SourceDao {
    @SqlQuery("SELECT source_id, name, type, archived, created_at, updated_at FROM sources WHERE source_id = :sourceId")
    Optional<Source> findById(@Bind("sourceId") String sourceId);

    @SqlQuery("SELECT source_id, name, type, archived, created_at, updated_at FROM sources ORDER BY archived, name, source_id")
    List<Source> all();

    @SqlUpdate("""
            INSERT INTO sources (source_id, name, type, archived, created_at, updated_at)
            VALUES (:sourceId, :name, :type, :archived, :createdAt, :updatedAt)
            """)
    void insert(@BindMethods Source source);

    @SqlUpdate("UPDATE sources SET name = :name, type = :type, archived = :archived, updated_at = :updatedAt WHERE source_id = :sourceId")
    void update(@BindMethods Source source);
}
