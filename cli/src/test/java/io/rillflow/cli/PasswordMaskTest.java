package io.rillflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The password of a URL the command was given never survives into text it prints, in either URL form. */
class PasswordMaskTest {
    @Test
    void masksThePasswordOfEitherUrlFormWhereverItAppears() {
        PasswordMask mask = new PasswordMask();
        mask.remember("postgres://app:p%40ss:w0rd@db:5432/app");
        mask.remember("jdbc:postgresql://db/app?user=app&password=Tr0ub4dor&ssl=true");

        assertThat(mask.apply("FATAL: password authentication failed (tried p@ss:w0rd and Tr0ub4dor)"))
                .isEqualTo("FATAL: password authentication failed (tried *** and ***)");
        assertThat(mask.apply("Cannot connect to jdbc:postgresql://db/app?user=app&password=other: refused"))
                .isEqualTo("Cannot connect to jdbc:postgresql://db/app?user=app&password=***: refused");
        assertThat(mask.apply("see postgres://bob:hunter2@host/db and ?password=x&y=1"))
                .isEqualTo("see postgres://bob:***@host/db and ?password=***&y=1");
    }
}
