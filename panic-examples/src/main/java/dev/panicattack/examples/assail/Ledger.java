package dev.panicattack.examples.assail;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Two books of a ledger, each guarded by its own lock, and an auditor called while a transfer holds
 * the first lock. Seeded defect for the {@code @Assail} examples: the two directions take the locks in
 * opposite orders, so two concurrent transfers in opposite directions can deadlock.
 */
public final class Ledger {

    /** Called with the first book's lock held, before the second one is taken. */
    public interface Auditor {
        void audit(String step) throws InterruptedException;
    }

    private final ReentrantLock cash = new ReentrantLock();
    private final ReentrantLock credit = new ReentrantLock();
    private final Auditor auditor;
    private long cashBalance;
    private long creditBalance;

    public Ledger(long cashBalance, long creditBalance, Auditor auditor) {
        this.cashBalance = cashBalance;
        this.creditBalance = creditBalance;
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    public void cashToCredit(long amount) throws InterruptedException {
        cash.lockInterruptibly();
        try {
            auditor.audit("cash to credit");
            credit.lockInterruptibly();
            try {
                cashBalance -= amount;
                creditBalance += amount;
            } finally {
                credit.unlock();
            }
        } finally {
            cash.unlock();
        }
    }

    public void creditToCash(long amount) throws InterruptedException {
        credit.lockInterruptibly();
        try {
            auditor.audit("credit to cash");
            cash.lockInterruptibly();
            try {
                creditBalance -= amount;
                cashBalance += amount;
            } finally {
                cash.unlock();
            }
        } finally {
            credit.unlock();
        }
    }

    public long total() throws InterruptedException {
        cash.lockInterruptibly();
        try {
            credit.lockInterruptibly();
            try {
                return cashBalance + creditBalance;
            } finally {
                credit.unlock();
            }
        } finally {
            cash.unlock();
        }
    }
}
