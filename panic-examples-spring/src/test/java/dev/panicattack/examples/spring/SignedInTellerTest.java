package dev.panicattack.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/** A Spring Security context set up before each test (the holder's default strategy: one per thread). */
class SignedInTellerTest {

    @BeforeEach
    void signIn() {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated(
                "teller", "n/a", AuthorityUtils.createAuthorityList("ROLE_TELLER")));
    }

    @AfterEach
    void signOut() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void theTestActsAsTheSignedInTeller() {
        Authentication teller = SecurityContextHolder.getContext().getAuthentication();

        assertThat(teller).isNotNull();
        assertThat(teller.getName()).isEqualTo("teller");
        assertThat(teller.getAuthorities()).extracting(GrantedAuthority::getAuthority).containsExactly("ROLE_TELLER");
    }
}
