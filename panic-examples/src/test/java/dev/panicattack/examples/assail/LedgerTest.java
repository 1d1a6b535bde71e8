package dev.panicattack.examples.assail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Assail;

/** An ordinary test of the ledger, attacked where its bytecode is weak. */
class LedgerTest {

    // tag::assail[]
    @Test
    @Assail(Ledger.class)
    void movesMoneyBothWays() throws InterruptedException {
        Ledger ledger = new Ledger(100, 0, step -> { });

        ledger.cashToCredit(30);
        ledger.creditToCash(10);

        assertThat(ledger.total()).isEqualTo(100);
    }
    // end::assail[]
}
