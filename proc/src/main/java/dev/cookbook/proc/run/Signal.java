package dev.cookbook.proc.run;

/** The signals {@link Runner} sends to end a child, with their Linux numbers. */
public enum Signal {
    HUP(1),
    INT(2),
    KILL(9),
    TERM(15);

    private final int number;

    Signal(int number) {
        this.number = number;
    }

    /** The signal's number on Linux: {@code 15} for TERM. */
    public int number() {
        return number;
    }

    /** The signal whose number is {@code number}, or null when it is none of these. */
    public static Signal of(int number) {
        for (Signal s : values()) {
            if (s.number == number) {
                return s;
            }
        }
        return null;
    }
}
