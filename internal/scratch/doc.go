// Package scratch keeps tests' temporary folders in memory.
//
// The end-to-end, build and preview tests write the example portal a
// hundred times over, about 900 files in 700 folders each time. On the
// ext4 disks of the 2-core virtual machines the project is tested on,
// creating a file or folder where many were just deleted (every test's
// temporary folder is) costs the kernel more than the build costs
// partnerdocs: a build of the example spent 0.63 s of system time
// writing to /tmp and 0.17 s writing to /dev/shm. A test binary's
// TestMain calls InMemory so that t.TempDir and os.MkdirTemp land on a
// tmpfs when the machine has one.
//
// TMPDIR set in the environment wins: PARTNERDOCS_TEST_DISK=1, or
// TMPDIR=/tmp, runs the same tests on disk.
package scratch
