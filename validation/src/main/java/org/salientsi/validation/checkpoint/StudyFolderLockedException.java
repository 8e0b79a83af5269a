package org.salientsi.validation.checkpoint;

import java.nio.file.Path;
import org.salientsi.api.error.InvalidInputException;

/**
 * A study folder that another run (in this process or another) holds: two runs on one folder would
 * interleave their rows, so the second is refused. The message names the folder and, when it can, the
 * holder.
 */
public class StudyFolderLockedException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final transient Path folder;

    /**
     * @param folder the study folder
     * @param holder what the lock file says of its holder ({@code pid N since T}), or {@code null}
     */
    public StudyFolderLockedException(Path folder, String holder) {
        super("study folder " + folder + " is in use by another run" + (holder == null ? "" : " (" + holder + ")")
                + "; wait for it to end, or choose another --out (shards of one study each need their own)");
        this.folder = folder;
    }

    /** @return the study folder */
    public Path folder() {
        return folder;
    }
}
