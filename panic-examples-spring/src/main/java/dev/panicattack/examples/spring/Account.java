package dev.panicattack.examples.spring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;

/** An account with a balance in whole cents; JPA needs it mutable. */
@Entity
public class Account {

    @Id
    @GeneratedValue
    private Long id;

    @Column(nullable = false, unique = true)
    private String owner;

    private long balanceCents;

    protected Account() {
        // for JPA
    }

    public Account(String owner, long balanceCents) {
        this.owner = owner;
        this.balanceCents = balanceCents;
    }

    public Long getId() {
        return id;
    }

    public String getOwner() {
        return owner;
    }

    public long getBalanceCents() {
        return balanceCents;
    }

    void withdraw(long cents) {
        if (cents > balanceCents) {
            throw new InsufficientFundsException(owner, balanceCents, cents);
        }
        balanceCents -= cents;
    }

    void deposit(long cents) {
        balanceCents += cents;
    }
}
