package dev.panicattack.examples.spring;

import java.util.NoSuchElementException;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Moves money between two accounts in one transaction: both balances change, or neither. */
@Service
public class TransferService {

    private final AccountRepository accounts;

    public TransferService(AccountRepository accounts) {
        this.accounts = accounts;
    }

    @Transactional
    public Account open(String owner, long balanceCents) {
        return accounts.save(new Account(owner, balanceCents));
    }

    @Transactional
    public void transfer(String from, String to, long cents) {
        Account payer = account(from);
        Account payee = account(to);
        payer.withdraw(cents);
        payee.deposit(cents);
    }

    @Transactional(readOnly = true)
    public long balance(String owner) {
        return account(owner).getBalanceCents();
    }

    private Account account(String owner) {
        return accounts.findByOwner(owner)
                .orElseThrow(() -> new NoSuchElementException("no account of " + owner));
    }
}
