package dev.panicattack.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.transaction.AfterTransaction;
import org.springframework.test.context.transaction.BeforeTransaction;
import org.springframework.test.context.transaction.TestTransaction;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.panicattack.junit.ConstraintSet;
import dev.panicattack.junit.Diagnose;

/**
 * A Spring Boot JPA slice as users write it: each test writes through the service and the
 * repository inside the transaction Spring's test support begins, and rolls back, around it. Each
 * test uses owners of its own, so a test that does commit by mistake fails alone.
 */
// tag::slice[]
@DataJpaTest
@Import(TransferService.class)
class TransferServiceTest {

    @Autowired
    TransferService transfers;

    @Autowired
    AccountRepository accounts;

    @Autowired
    JdbcTemplate jdbc;

    private long committedBefore;

    @BeforeTransaction
    void countCommittedAccounts() {
        committedBefore = committedAccounts();
    }

    @AfterTransaction
    void nothingWasCommitted() {
        assertThat(committedAccounts()).as("accounts committed by the test").isEqualTo(committedBefore);
    }

    @Test
    void opensAnAccountInTheTestTransaction() {
        transfers.open("alice", 10_000);

        assertThat(accounts.findByOwner("alice")).map(Account::getBalanceCents).contains(10_000L);
        assertThat(TestTransaction.isActive()).as("test-managed transaction active").isTrue();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                .as("transaction bound to the thread running the test").isTrue();
    }
    // end::slice[]

    @Test
    void movesMoneyBetweenTwoAccounts() {
        transfers.open("bob", 10_000);
        transfers.open("carol", 0);

        transfers.transfer("bob", "carol", 2_500);

        assertThat(transfers.balance("bob")).isEqualTo(7_500);
        assertThat(transfers.balance("carol")).isEqualTo(2_500);
        assertInTheTestTransaction();
    }

    // tag::pressure[]
    @Test
    @ConstraintSet("busy-host")
    void movesMoneyOnABusyHost() {
        transfers.open("dave", 10_000);
        transfers.open("erin", 0);

        for (int i = 0; i < 20; i++) {
            transfers.transfer("dave", "erin", 500);
        }

        assertThat(transfers.balance("erin")).isEqualTo(10_000);
        assertInTheTestTransaction();
    }
    // end::pressure[]

    // tag::diagnose[]
    @Test
    @Diagnose
    void refusesATransferLargerThanTheBalance() {
        transfers.open("frank", 500);
        transfers.open("grace", 0);

        assertThatThrownBy(() -> transfers.transfer("frank", "grace", 501))
                .isInstanceOf(InsufficientFundsException.class)
                .hasMessage("account of frank holds 500 cents, but 501 cents were to be withdrawn");
        assertInTheTestTransaction();
    }
    // end::diagnose[]

    /**
     * TestTransaction reports the transaction Spring began for the test; the synchronization
     * manager tells whether this thread takes part in it, which is what the repository joins.
     */
    private static void assertInTheTestTransaction() {
        assertThat(TestTransaction.isActive()).as("test-managed transaction active").isTrue();
        assertThat(TransactionSynchronizationManager.isActualTransactionActive())
                .as("transaction bound to the thread running the test").isTrue();
    }

    /** Outside the test transaction (before it began, after its rollback) only committed rows count. */
    private long committedAccounts() {
        Long count = jdbc.queryForObject("select count(*) from account", Long.class);
        return count == null ? 0 : count;
    }
}
