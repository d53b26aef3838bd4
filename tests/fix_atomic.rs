//! `--fix` writes atomically: a process killed at any moment leaves the original or the whole
//! fixed text on disk, never a part; a file that changed since it was read is not overwritten;
//! a file with nothing to fix is not rewritten.

use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use klarsprog::fix::write_atomically;

fn fix_command(dir: &Path) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_klarsprog"));
    c.current_dir(dir)
        .args(["check", "--no-config", "--fix", "brev.txt"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    c
}

/// Temporary files `--fix` left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "brev.txt")
        .collect()
}

/// xorshift64: enough randomness for kill times, with the seed printed to repeat a run.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Twenty runs of `klarsprog check --fix`, each killed with SIGKILL: half at a random moment of
/// the run, half right after its temporary file appears (during the write). The file on disk is
/// always the original or the complete fixed text, with its permissions; what a kill can leave
/// behind is a hidden `.klarsprog-XXXXXX` file, which a folder walk skips.
#[test]
fn a_fix_killed_at_any_moment_leaves_the_original_or_the_fixed_text() {
    let line =
        "Såfremt du har spørgsmål, kan du ringe i henhold til aftalen, og vi fremsender svaret.\n";
    let original = line.repeat(600);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    let reset = || {
        std::fs::write(&path, &original).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    };
    // A full run gives the fixed text and how long a run takes.
    reset();
    let start = Instant::now();
    let out = fix_command(dir.path()).output().unwrap();
    let full = start.elapsed();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("rettede"), "{err}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    assert_ne!(fixed, original);
    assert!(leftovers(dir.path()).is_empty());

    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = Rng(seed);
    let (mut kept, mut written, mut during_write) = (0, 0, 0);
    for attempt in 0..20 {
        reset();
        let mut child = fix_command(dir.path()).spawn().unwrap();
        if attempt % 2 == 0 {
            std::thread::sleep(Duration::from_micros(
                rng.below(full.as_micros() as u64 + 1),
            ));
        } else {
            // Wait for the temporary file, then kill within the next half millisecond.
            let deadline = Instant::now() + full * 4 + Duration::from_secs(5);
            loop {
                if leftovers(dir.path())
                    .iter()
                    .any(|n| n.starts_with(".klarsprog-"))
                {
                    during_write += 1;
                    std::thread::sleep(Duration::from_micros(rng.below(500)));
                    break;
                }
                if child.try_wait().unwrap().is_some() || Instant::now() > deadline {
                    break;
                }
                std::thread::sleep(Duration::from_micros(50));
            }
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let now = std::fs::read_to_string(&path).unwrap();
        if now == original {
            kept += 1;
        } else {
            assert!(
                now == fixed,
                "attempt {attempt} (seed {seed}, {status}): a partial file ({} of {} bytes)",
                now.len(),
                fixed.len()
            );
            written += 1;
        }
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640, "attempt {attempt}: permissions");
        for name in leftovers(dir.path()) {
            assert!(name.starts_with(".klarsprog-"), "stray file {name}");
        }
    }
    let stray = leftovers(dir.path());
    eprintln!(
        "seed {seed}: full run {full:?}; original kept {kept}, fixed text written {written}; \
         temporary file seen before the kill {during_write} times; left behind: {stray:?}"
    );
    // What a kill leaves behind is harmless: a folder walk checks only brev.txt.
    let out = Command::new(env!("CARGO_BIN_EXE_klarsprog"))
        .current_dir(dir.path())
        .args(["check", "--no-config", "--format", "json", "."])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["files"].as_array().unwrap().len(), 1, "{v}");
}

#[test]
fn a_file_changed_since_it_was_read_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("brev.txt");
    std::fs::write(
        &path,
        "Såfremt du vil, så ring. Og en ny linje fra en kollega.\n",
    )
    .unwrap();
    let e = write_atomically(
        &path,
        b"Saafremt du vil, saa ring.\n",
        b"Hvis du vil, saa ring.\n",
    )
    .unwrap_err();
    assert_eq!(
        e,
        "filen er ændret, siden den blev læst; den er ikke rettet"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "Såfremt du vil, så ring. Og en ny linje fra en kollega.\n"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Unchanged: written through a new file (a new inode), permissions kept.
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o604)).unwrap();
    let before = std::fs::read(&path).unwrap();
    let inode = std::fs::metadata(&path).unwrap().ino();
    write_atomically(&path, &before, b"Hvis du vil, ring.\n").unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), b"Hvis du vil, ring.\n");
    let meta = std::fs::metadata(&path).unwrap();
    assert_ne!(meta.ino(), inode);
    assert_eq!(meta.permissions().mode() & 0o777, 0o604);
}

#[test]
fn a_symbolic_link_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("rigtig.txt");
    let link = dir.path().join("brev.txt");
    std::fs::write(&target, "Såfremt du vil, så ring.\n").unwrap();
    std::os::unix::fs::symlink("rigtig.txt", &link).unwrap();
    let out = fix_command(dir.path()).output().unwrap();
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("rettede 1 fund"),
        "{out:?}"
    );
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "Hvis du vil, så ring.\n"
    );
}
