package dev.panicattack.maven;

import dev.panicattack.chaosmesh.ChaosMeshException;
import dev.panicattack.chaosmesh.ChaosMeshExport;
import dev.panicattack.chaosmesh.ContainerLimits;
import dev.panicattack.chaosmesh.ManifestValidator;
import dev.panicattack.chaosmesh.PodMode;
import dev.panicattack.chaosmesh.Target;
import dev.panicattack.constraint.Constraints;
import dev.panicattack.constraint.ConstraintSetException;
import dev.panicattack.constraint.ConstraintSetLibrary;
import dev.panicattack.constraint.DurationText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.maven.artifact.DependencyResolutionRequiredException;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProject;

/**
 * {@code panic:export}: exports the project's constraint sets as Chaos Mesh manifests, one file per
 * manifest in {@code out}, or one YAML stream on standard output with {@code -Dout=-}. The sets are
 * looked up on the project's test class path (test and main output directories, test-scope
 * dependencies), then among the built-in sets. Runs the lifecycle up to
 * {@code process-test-resources} first, so sets just added under {@code src/test/resources} are found.
 * Any error fails the build with the library's message and writes nothing. See {@code docs/chaos-mesh.md}.
 */
@Mojo(name = "export", requiresDependencyResolution = ResolutionScope.TEST, threadSafe = true)
@Execute(phase = LifecyclePhase.PROCESS_TEST_RESOURCES)
public final class ExportMojo extends AbstractMojo {

    /** Written for {@link #out} to print the manifests instead of writing files. */
    private static final String STANDARD_OUTPUT = "-";

    /** The constraint set to export; several, comma-separated, are merged, later ones overriding. */
    @Parameter(property = "set")
    private String set;

    /** The label selector of the pods to fault: {@code key=value[,key=value...]}. */
    @Parameter(property = "selector")
    private String selector;

    /** The namespace of the pods, and of the manifests. */
    @Parameter(property = "namespace", defaultValue = "default")
    private String namespace;

    /**
     * How many of the selected pods: {@code one}, {@code all}, {@code fixed}, {@code fixed-percent} or
     * {@code random-max-percent}.
     */
    @Parameter(property = "mode", defaultValue = "all")
    private String mode;

    /** The count ({@code fixed}) or percent (the percent modes) that {@link #mode} needs. */
    @Parameter(property = "modeValue")
    private String modeValue;

    /** The container's CPU limit, such as {@code 2} or {@code 500m}; needed by the cpu axis. */
    @Parameter(property = "cpuLimit")
    private String cpuLimit;

    /** The container's memory limit, such as {@code 2Gi}; needed by the memory axis. */
    @Parameter(property = "memoryLimit")
    private String memoryLimit;

    /** The mount path, in the container, of the volume that disk faults act on. */
    @Parameter(property = "volumePath")
    private String volumePath;

    /** Keys without Chaos Mesh equivalent to leave out instead of refusing the set, comma-separated. */
    @Parameter(property = "omit")
    private String omit;

    /** How long the faults run. */
    @Parameter(property = "duration", defaultValue = "1m")
    private String duration;

    /** The directory written into (relative to the project's directory), or {@code -} for standard output. */
    /**
     * Files with the cluster's Chaos Mesh CRDs ({@code kubectl get crd -o yaml}), comma-separated, to
     * validate against instead of the schemas shipped with the plugin.
     */
    @Parameter(property = "crds")
    private String crds;

    @Parameter(property = "out", defaultValue = "${project.build.directory}/chaos-mesh")
    private String out;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    private MavenProject project;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        List<String> classPath;
        try {
            classPath = project.getTestClasspathElements();
        } catch (DependencyResolutionRequiredException e) {
            throw new MojoExecutionException("the test class path of " + project.getId() + " is not resolved: "
                    + e.getMessage(), e);
        }
        try (TestClassPath loader = TestClassPath.of(classPath)) {
            ChaosMeshExport export = export(ConstraintSetLibrary.fromClassLoader(loader.classLoader()));
            if (out.equals(STANDARD_OUTPUT)) {
                // Validated in full before the first character is printed.
                String yaml = export.yaml();
                System.out.print(yaml);
                System.out.flush();
            } else {
                // Relative to the project, as Maven resolves its own paths, not to where mvn was started.
                for (Path file : export.writeTo(project.getBasedir().toPath().resolve(out))) {
                    getLog().info("wrote " + file);
                }
            }
            export.notes().forEach(note -> getLog().info(note));
        } catch (ChaosMeshException | ConstraintSetException e) {
            throw new MojoFailureException(e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new MojoExecutionException(e.getMessage(), e);
        } catch (IOException e) {
            throw new MojoExecutionException("could not close the class loader of " + project.getId() + "'s test"
                    + " class path: " + e.getMessage(), e);
        }
    }

    private ChaosMeshExport export(ConstraintSetLibrary library) throws MojoFailureException {
        if (!given(set)) {
            // Checked here rather than by Maven, whose message would not name the sets there are.
            throw new MojoFailureException("set: no constraint set given; name one with -Dset=production-spike"
                    + " (several, comma-separated, are merged); available: "
                    + String.join(", ", library.availableNames()));
        }
        Constraints constraints = library.loadAll(list("set", set));
        // No selector reaches Target as no label, which it refuses with the reason (every pod faulted).
        Target target = given(selector) ? Target.of(namespace, selector)
                : new Target(namespace, Map.of(), PodMode.ALL, Optional.empty(), Optional.empty());
        PodMode podMode = PodMode.parse(mode);
        target = given(modeValue) ? target.withMode(podMode, modeValue) : target.withMode(podMode);
        if (given(volumePath)) {
            target = target.withVolumePath(volumePath);
        }
        ContainerLimits limits = ContainerLimits.of(textOf(cpuLimit), textOf(memoryLimit));
        ChaosMeshExport export = ChaosMeshExport.of(constraints, target, limits);
        if (given(omit)) {
            export = export.omitting(list("omit", omit).toArray(String[]::new));
        }
        if (given(crds)) {
            // Relative to the project, as Maven resolves its own paths.
            export = export.validatedBy(ManifestValidator.fromCustomResourceDefinitions(list("crds", crds).stream()
                    .map(file -> project.getBasedir().toPath().resolve(file)).toList()));
        }
        try {
            return export.lasting(DurationText.parse(duration, false));
        } catch (IllegalArgumentException e) {
            throw new MojoFailureException("duration: " + e.getMessage(), e);
        }
    }

    private static boolean given(String parameter) {
        return parameter != null && !parameter.isBlank();
    }

    /** Maven leaves a parameter given as {@code -DcpuLimit=} null. */
    private static String textOf(String parameter) {
        return parameter == null ? "" : parameter;
    }

    private static List<String> list(String parameter, String text) throws MojoFailureException {
        List<String> items = Arrays.stream(text.split(",", -1)).map(String::strip).toList();
        if (items.contains("")) {
            throw new MojoFailureException(parameter + ": expected names separated by commas, such as a,b, but was '"
                    + text + "'");
        }
        return items;
    }
}
