package dev.panicattack.examples.corpus.threads;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.panicattack.examples.corpus.Seeded;
import dev.panicattack.junit.Diagnose;
import dev.panicattack.signature.BugClass;

/** Two transfers that lock the two accounts in opposite order. */
public class DeadlockPrograms {

    private final List<Thread> tellers = new ArrayList<>();

    /** An account guarded by its own monitor. */
    static final class Account {
        private long balance;

        Account(long balance) {
            this.balance = balance;
        }
    }

    /**
     * Locks the source, then the target: two opposite transfers each hold one account. The audit
     * step between the two locks waits (bounded) for the other teller so that the window is always hit.
     */
    static void transfer(Account from, Account to, long amount, CountDownLatch audit) {
        synchronized (from) {
            awaitQuietly(audit);
            synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    @Test
    @Seeded(BugClass.DEADLOCK)
    @Diagnose(stallWindow = "2s")
    void transfersInOppositeOrder() throws InterruptedException {
        Account alice = new Account(100);
        Account bob = new Account(100);
        CountDownLatch audit = new CountDownLatch(2);
        // Threads stuck on monitors can never be freed: daemon, so they cannot hold the JVM.
        Thread first = daemon("teller-1", () -> transfer(alice, bob, 10, audit));
        Thread second = daemon("teller-2", () -> transfer(bob, alice, 20, audit));
        first.start();
        second.start();
        first.join();
        second.join();
        assertThat(alice.balance + bob.balance).isEqualTo(200);
    }

    /** An account guarded by a {@link ReentrantLock}, taken interruptibly. */
    static final class LockedAccount {
        final ReentrantLock lock = new ReentrantLock();
        long balance;

        LockedAccount(long balance) {
            this.balance = balance;
        }
    }

    static void transferInterruptibly(LockedAccount from, LockedAccount to, long amount, CountDownLatch audit)
            throws InterruptedException {
        from.lock.lockInterruptibly();
        try {
            awaitQuietly(audit);
            to.lock.lockInterruptibly();
            try {
                from.balance -= amount;
                to.balance += amount;
            } finally {
                to.lock.unlock();
            }
        } finally {
            from.lock.unlock();
        }
    }

    @Test
    @Seeded(BugClass.DEADLOCK)
    @Diagnose(stallWindow = "2s")
    void lockOrderThroughReentrantLocks() throws InterruptedException {
        LockedAccount checking = new LockedAccount(500);
        LockedAccount savings = new LockedAccount(500);
        CountDownLatch audit = new CountDownLatch(2);
        Thread first = daemon("sweeper-1", () -> {
            try {
                transferInterruptibly(checking, savings, 50, audit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread second = daemon("sweeper-2", () -> {
            try {
                transferInterruptibly(savings, checking, 70, audit);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        first.start();
        second.start();
        first.join();
        second.join();
        assertThat(checking.balance + savings.balance).isEqualTo(1000);
    }

    /** After the verdict: the interruptible lock cycle is broken (the monitor one cannot be). */
    @AfterEach
    void releaseTellers() throws InterruptedException {
        for (Thread teller : tellers) {
            teller.interrupt();
        }
        for (Thread teller : tellers) {
            teller.join(TimeUnit.SECONDS.toMillis(1));
        }
    }

    private Thread daemon(String name, Runnable work) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        tellers.add(thread);
        return thread;
    }

    /** The audit step: checks in, then waits (bounded) for the other teller's audit. */
    private static void awaitQuietly(CountDownLatch latch) {
        latch.countDown();
        try {
            // Bounded: the program must never wait here for ever even if one teller never starts.
            latch.await(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
