/**
 * {@code picluster doctor}: one check per known way a home-made cluster fails, each printed with
 * its fix.
 *
 * <ul>
 *   <li>{@link io.picluster.setup.doctor.Doctor} runs the probes on every node at once and the
 *       checks on what they found, giving a {@link io.picluster.setup.doctor.DoctorReport} of
 *       {@link io.picluster.setup.doctor.Check}s (OK, WARN or FAIL, the finding, the fix).
 *   <li>Probes: {@link io.picluster.setup.doctor.FactsProbe} (addresses, names, the program's
 *       checksum) gives {@link io.picluster.setup.doctor.NodeFacts}; the status probe
 *       ({@link io.picluster.setup.status.StatusProbe}) gives versions, clock and throttle flags;
 *       {@link io.picluster.setup.doctor.PortSweep} runs {@link
 *       io.picluster.setup.doctor.PortProbe} on every node for a real TCP test of every directed
 *       pair.
 *   <li>Checks, one class each: {@link io.picluster.setup.doctor.SshCheck}, {@link
 *       io.picluster.setup.doctor.BackboneAddressCheck}, {@link
 *       io.picluster.setup.doctor.NameCheck}, {@link io.picluster.setup.doctor.ProgramCheck},
 *       {@link io.picluster.setup.doctor.PortCheck}, {@link
 *       io.picluster.setup.doctor.VersionsCheck}, {@link io.picluster.setup.doctor.ClockCheck},
 *       {@link io.picluster.setup.doctor.ThrottlingCheck}.
 * </ul>
 */
package io.picluster.setup.doctor;
