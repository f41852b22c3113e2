/**
 * Internal support shared by the Rillflow runtime and annotation processor: the SQL text of document queries. Code the
 * processor generates refers to {@link io.rillflow.sql.SqlType}, so the package is exported to every module.
 */
module io.rillflow.sql {
    exports io.rillflow.sql;
}
