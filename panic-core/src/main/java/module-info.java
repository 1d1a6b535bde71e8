/**
 * panic-attack's engine, free of any test framework: constraint sets, pressure on every axis,
 * evidence, the signature engine's diagnosis, fuses, shedding, breaking points and reports.
 *
 * <p>The packages that hold the test adapter's machinery (running a trial,
 * the library's own text and class-path helpers) are exported to {@code dev.panicattack.junit} only.
 */
@SuppressWarnings("module") // The qualified exports name a module that is built after this one.
module dev.panicattack.core {
    requires java.instrument;
    requires java.management;
    // VMOption (BallastLimit) and OSHI's SystemInfoProvider (OshiSystemInfo) appear in the API.
    requires transitive jdk.management;
    requires jdk.jfr;
    // Resolved so that Byte Buddy can attach the probe agent to this JVM when it runs on the module path.
    requires jdk.attach;
    requires net.bytebuddy;
    requires net.bytebuddy.agent;
    requires org.objectweb.asm;
    requires org.objectweb.asm.tree;
    requires com.github.oshi;
    requires transitive com.github.oshi.common;
    requires org.slf4j;
    requires org.snakeyaml.engine;

    exports dev.panicattack.assail;
    exports dev.panicattack.breakingpoint;
    exports dev.panicattack.constraint;
    exports dev.panicattack.corruption;
    exports dev.panicattack.evidence;
    exports dev.panicattack.forecast;
    exports dev.panicattack.fuse;
    exports dev.panicattack.pressure;
    exports dev.panicattack.pressure.axis;
    exports dev.panicattack.pressure.concurrency;
    exports dev.panicattack.pressure.cpu;
    exports dev.panicattack.pressure.disk;
    exports dev.panicattack.pressure.memory;
    exports dev.panicattack.pressure.network;
    exports dev.panicattack.pressure.time;
    exports dev.panicattack.report;
    exports dev.panicattack.shedding;
    exports dev.panicattack.signature;
    exports dev.panicattack.signature.datalog;
    exports dev.panicattack.subject;

    exports dev.panicattack.internal.classpath to dev.panicattack.junit;
    exports dev.panicattack.internal.text to dev.panicattack.junit;
    exports dev.panicattack.trial to dev.panicattack.junit;
}
