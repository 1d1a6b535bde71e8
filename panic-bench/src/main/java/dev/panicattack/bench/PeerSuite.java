package dev.panicattack.bench;

import java.util.List;

/**
 * One third-party test suite of {@code peer-suites}: a project's main jar and its {@code tests} jar on
 * Maven Central, the test classes run (include and exclude regular expressions over fully qualified
 * class names; an empty exclude excludes nothing), and the JVM flags its build adds for its tests.
 */
record PeerSuite(String groupId, String artifactId, String version, String includeClassNames,
        String excludeClassNames, List<String> jvmArguments) {

    PeerSuite {
        jvmArguments = List.copyOf(jvmArguments);
    }

    String coordinates() {
        return groupId + ":" + artifactId + ":" + version;
    }
}
