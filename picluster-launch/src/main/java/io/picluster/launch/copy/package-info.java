/**
 * {@code picluster copy}: the tutorial's {@code scp} step for every node at once.
 *
 * <ul>
 *   <li>{@link io.picluster.launch.copy.CopyPlan} checks the files and says where each goes (its own
 *       absolute path, or {@code DIR/NAME}), with its SHA-256 and mode.
 *   <li>{@link io.picluster.launch.copy.FileCopy} copies to all hosts in parallel: {@link
 *       io.picluster.launch.copy.RemoteCopy} over SSH (one master connection per host that first
 *       asks which files are already there), {@link io.picluster.launch.copy.LocalCopy} on this
 *       machine. A file is written to a temporary name beside its destination and renamed once
 *       complete and checked, so nobody ever sees half a file.
 *   <li>{@link io.picluster.launch.copy.CopyOutput} prints what happens, with a {@link
 *       io.picluster.launch.copy.ProgressBar} for large files on a terminal, and a {@link
 *       io.picluster.launch.copy.HostTally} line per host at the end.
 * </ul>
 */
package io.picluster.launch.copy;
