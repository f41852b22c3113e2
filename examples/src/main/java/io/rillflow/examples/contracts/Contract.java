package io.rillflow.examples.contracts;

import io.rillflow.annotations.Document;
import io.rillflow.annotations.Id;
import java.math.BigDecimal;

/**
 * A service contract, whose terms an auditor must be able to see as they were at any time: its history is kept.
 *
 * @param number the contract number, its id
 * @param customer who signed it
 * @param monthlyFee what it costs per month
 * @param status draft, active or ended
 */
@Document(history = true)
public record Contract(@Id String number, String customer, BigDecimal monthlyFee, String status) {
    /** This contract with another monthly fee. */
    public Contract withFee(BigDecimal fee) {
        return new Contract(number, customer, fee, status);
    }
}
