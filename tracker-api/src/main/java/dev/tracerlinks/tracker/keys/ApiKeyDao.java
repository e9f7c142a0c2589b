package dev.tracerlinks.tracker.keys;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ApiKeyDao.StoredKey.class)
interface ApiKeyDao {

    /** A row of {@code api_keys}; {@code scopes} is space-separated. */
    record StoredKey(String id, String name, String keyHash, String scopes, Instant createdAt) {
    }

    @SqlUpdate("""
            INSERT INTO api_keys (id, name, key_hash, scopes, created_at)
            VALUES (:id, :name, :keyHash, :scopes, :createdAt)
            """)
    void insert(@BindMethods StoredKey key);

    @SqlQuery("SELECT id, name, key_hash, scopes, created_at FROM api_keys WHERE id = :id")
    Optional<StoredKey> findById(@Bind("id") String id);

    @SqlQuery("SELECT id, name, key_hash, scopes, created_at FROM api_keys ORDER BY created_at, id")
    List<StoredKey> listAll();

    @SqlUpdate("DELETE FROM api_keys WHERE id = :id")
    int delete(@Bind("id") String id);
}
