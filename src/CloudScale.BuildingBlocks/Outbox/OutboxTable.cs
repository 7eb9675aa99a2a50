using Microsoft.EntityFrameworkCore;

namespace CloudScale.BuildingBlocks.Outbox;

/// <summary>Where a context mapped its outbox, and the SQL the outbox runs there. Identifiers come from the model, never from input.</summary>
internal readonly record struct OutboxTable(string Schema, string QualifiedName, string QualifiedKeysName)
{
    public static OutboxTable Of(DbContext db)
    {
        var entity = db.Model.FindEntityType(typeof(OutboxMessage))
                     ?? throw new InvalidOperationException($"{db.GetType().Name} has no outbox; call modelBuilder.AddOutbox() in OnModelCreating.");
        var schema = entity.GetSchema() ?? "public";
        return new OutboxTable(schema, $"\"{schema}\".\"{entity.GetTableName()}\"", $"\"{schema}\".\"{OutboxModel.KeysTableName}\"");
    }

    /// <summary>Reserves {1} ordinals for key {0} and returns the last; the row stays locked until the transaction ends.</summary>
    public string DrawOrdinalsSql => $$"""
        INSERT INTO {{QualifiedKeysName}} (key, last_ordinal) VALUES ({0}, {1})
        ON CONFLICT (key) DO UPDATE SET last_ordinal = {{QualifiedKeysName}}.last_ordinal + EXCLUDED.last_ordinal
        RETURNING last_ordinal AS "Value"
        """;

    /// <summary>
    /// Unpublished rows due at {0}, oldest first, at most {1}; a row is left out when it, or an earlier row of its key,
    /// is still waiting for a retry. head_ordinal (the key's oldest unpublished ordinal) lets the dispatcher publish
    /// only a run that starts at the head, whatever the LIMIT cut off.
    /// </summary>
    public string DueMessagesSql => $$"""
        SELECT id AS "Id", key AS "Key", key_ordinal AS "KeyOrdinal", head_ordinal AS "HeadOrdinal" FROM (
            SELECT m.id, m.key, m.key_ordinal, m.sequence,
                   min(m.key_ordinal) OVER (PARTITION BY m.key) AS head_ordinal,
                   bool_or(m.next_attempt_at > {0}) OVER (PARTITION BY m.key ORDER BY m.key_ordinal) AS held_back
            FROM {{QualifiedName}} m
            WHERE m.published_at IS NULL) pending
        WHERE NOT held_back
        ORDER BY sequence
        LIMIT {1}
        """;

    /// <summary>Key of the session advisory lock that makes one dispatcher the only one for this outbox.</summary>
    public string DispatcherLockName => "outbox-dispatcher:" + QualifiedName;
}
