-- Casts used by document queries and by the expression indexes behind them. An index expression must be IMMUTABLE;
-- text::timestamptz is only STABLE because text without an offset depends on the TimeZone setting. Jackson writes
-- Instant, OffsetDateTime and ZonedDateTime with an explicit offset, LocalDate and LocalDateTime as ISO-8601, so for
-- the values Rillflow stores these casts do not depend on any setting.

CREATE FUNCTION ${schema}.rf_timestamptz(value text) RETURNS timestamptz
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $fn$ SELECT value::timestamptz $fn$;

CREATE FUNCTION ${schema}.rf_timestamp(value text) RETURNS timestamp
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $fn$ SELECT value::timestamp $fn$;

CREATE FUNCTION ${schema}.rf_date(value text) RETURNS date
LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
AS $fn$ SELECT value::date $fn$;
