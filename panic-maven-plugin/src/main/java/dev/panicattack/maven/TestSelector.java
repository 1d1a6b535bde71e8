package dev.panicattack.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The one test method a breaking-point search runs, as given with {@code -Dtest=Class#method}. A class
 * named without its package is looked up among the project's compiled test classes, as Surefire's
 * {@code -Dtest} accepts it.
 *
 * @param className the class's binary name, such as {@code com.shop.OrderServiceTest}
 * @param method    the method's name, with its parameter types in parentheses when they were given
 */
record TestSelector(String className, String method) {

    private static final String IDENTIFIER = "[\\p{javaJavaIdentifierStart}][\\p{javaJavaIdentifierPart}]*";
    private static final Pattern CLASS_NAME = Pattern.compile(IDENTIFIER + "(?:[.$]" + IDENTIFIER + ")*");
    /** A method, optionally with its parameter types as JUnit's method selector takes them: {@code checkout(int)}. */
    private static final Pattern METHOD_NAME = Pattern.compile(IDENTIFIER + "(?:\\([^()#]*\\))?");

    /**
     * The selector in {@code text}; a class without package is resolved in {@code testClasses}.
     *
     * @throws IllegalArgumentException naming the value and the fix when it is not {@code Class#method},
     *                                  or the class is not, or more than once, among the test classes
     */
    static TestSelector parse(String text, Path testClasses) {
        int hash = text.indexOf('#');
        if (hash < 0 || hash != text.lastIndexOf('#')) {
            throw new IllegalArgumentException("test: expected one test method as Class#method, such as"
                    + " -Dtest=OrderServiceTest#checkout, but was '" + text + "'");
        }
        String className = text.substring(0, hash).strip();
        String method = text.substring(hash + 1).strip();
        if (!CLASS_NAME.matcher(className).matches()) {
            throw new IllegalArgumentException("test: '" + className + "' in -Dtest=" + text + " is not a class"
                    + " name; give the test class, simple or qualified, before the #, such as"
                    + " -Dtest=com.shop.OrderServiceTest#checkout");
        }
        if (!METHOD_NAME.matcher(method).matches()) {
            throw new IllegalArgumentException("test: '" + method + "' in -Dtest=" + text + " is not a method"
                    + " name; give one method, without patterns, after the #, such as -Dtest=OrderServiceTest#checkout");
        }
        if (className.contains(".")) {
            return new TestSelector(className, method);
        }
        return new TestSelector(qualified(className, text, testClasses), method);
    }

    /** The selector as JUnit's method selector and the CLI take it. */
    String text() {
        return className + "#" + method;
    }

    private static String qualified(String simpleName, String text, Path testClasses) {
        String fileName = simpleName + ".class";
        List<Path> found;
        if (Files.isDirectory(testClasses)) {
            try (Stream<Path> files = Files.walk(testClasses)) {
                found = files.filter(file -> file.getFileName().toString().equals(fileName)).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException("could not list the test classes in " + testClasses, e);
            }
        } else {
            found = List.of();
        }
        List<String> names = found.stream().map(file -> binaryName(testClasses.relativize(file))).toList();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("test: no test class " + simpleName + " (from -Dtest=" + text
                    + ") in " + testClasses + "; check the name, or give the qualified name, such as"
                    + " -Dtest=com.shop." + text);
        }
        if (names.size() > 1) {
            throw new IllegalArgumentException("test: " + simpleName + " (from -Dtest=" + text + ") names "
                    + names.size() + " test classes: " + String.join(", ", names) + "; give the qualified name,"
                    + " such as -Dtest=" + names.get(0) + text.substring(text.indexOf('#')));
        }
        return names.get(0);
    }

    private static String binaryName(Path relativeClassFile) {
        String path = relativeClassFile.toString().replace(relativeClassFile.getFileSystem().getSeparator(), ".");
        return path.substring(0, path.length() - ".class".length());
    }
}
