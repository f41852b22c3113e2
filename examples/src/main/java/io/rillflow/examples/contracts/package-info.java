/**
 * Service contracts whose every change is kept: {@code @Document(history = true)} makes the store record each version
 * of a {@code Contract} in {@code rf_doc_contract_history}, and the generated {@code ContractRepository} reads them
 * back ({@code history}, {@code atVersion}, {@code asOf}).
 */
package io.rillflow.examples.contracts;
