package dev.panicattack.junit;

/**
 * The one test a breaking-point search runs, as {@code Class#method}: the class by its fully
 * qualified name (nested classes with {@code $}) or its simple name, which is looked up among the
 * test class path's directories.
 */
record TestSelection(String className, String methodName) {

    /**
     * @throws IllegalArgumentException text that is not {@code Class#method}, naming it and the fix
     */
    static TestSelection parse(String text) {
        int hash = text.indexOf('#');
        if (hash <= 0 || hash == text.length() - 1 || text.indexOf('#', hash + 1) >= 0) {
            throw new IllegalArgumentException("the test '" + text + "' is not Class#method; select one test method,"
                    + " for example OrderServiceTest#checkout or com.example.OrderServiceTest#checkout");
        }
        String method = text.substring(hash + 1).trim();
        int parenthesis = method.indexOf('(');
        return new TestSelection(text.substring(0, hash).trim(), parenthesis < 0 ? method : method.substring(0, parenthesis));
    }

    /** Whether the class is named without its package. */
    boolean simpleName() {
        return className.indexOf('.') < 0;
    }

    @Override
    public String toString() {
        return className + "#" + methodName;
    }
}
