/** A user's test module: it reads panic-attack's JUnit module, and opens its tests to JUnit as any module must. */
module sample.checkout {
    requires dev.panicattack.junit;

    opens sample.checkout to org.junit.platform.commons;
}
