package dev.panicattack.evidence;

/**
 * Starts a sensor and prints the outcome; run by {@link FlightRecorderSensorLifecycleTest} in a JVM
 * launched without the {@code jdk.jfr} module.
 */
public final class FlightRecorderUnavailableMain {

    private FlightRecorderUnavailableMain() {
    }

    public static void main(String[] args) {
        try (FlightRecorderSensor sensor = FlightRecorderSensor.ofDefaults()) {
            sensor.start(EvidenceStore.open());
            System.out.println("started");
        } catch (IllegalStateException e) {
            System.out.println(e.getMessage());
        }
    }
}
