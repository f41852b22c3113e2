/** The annotations a Rillflow user puts on documents, events, aggregates, projections and queries. */
module io.rillflow.annotations {
    exports io.rillflow.annotations;
}
