package dev.panicattack.evidence;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A marker committed by {@link FlightRecorderSensor#awaitFlush}: once the stream delivers it, every
 * event committed before it has been delivered too. Disabled by default so that it appears only in
 * the sensor's own stream, not in recordings the user runs beside it.
 */
@Name(FlightRecorderMarker.NAME)
@Label("panic-attack flush marker")
@Description("Committed by panic-attack to learn when its Flight Recorder stream has caught up")
@Category("panic-attack")
@Enabled(false)
@StackTrace(false)
final class FlightRecorderMarker extends Event {

    static final String NAME = "dev.panicattack.FlightRecorderMarker";

    @Label("Sensor")
    String sensor;

    @Label("Token")
    long token;
}
