//! Whether two paths name the same file: by device and inode on Unix, so that symbolic and
//! hard links count, and by canonical path elsewhere. Commands that write a file use it to
//! refuse writing over one of their inputs, and folder walks to leave out calq's own output.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The identity of an existing file (links followed).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FileId(Inner);

#[cfg(unix)]
type Inner = (u64, u64);

#[cfg(not(unix))]
type Inner = PathBuf;

impl FileId {
    /// The identity of the file `path` names, following symbolic links; `None` when there is
    /// no such file (or it cannot be examined).
    #[cfg(unix)]
    pub fn of(path: &Path) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        let meta = std::fs::metadata(path).ok()?;
        Some(FileId((meta.dev(), meta.ino())))
    }

    #[cfg(not(unix))]
    pub fn of(path: &Path) -> Option<FileId> {
        std::fs::canonicalize(path).ok().map(FileId)
    }
}

/// True when `a` and `b` name the same existing file.
pub fn same(a: &Path, b: &Path) -> bool {
    match (FileId::of(a), FileId::of(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

/// The files a command is about to write, compared against its inputs.
#[derive(Debug, Default, Clone)]
pub struct Outputs {
    /// Each output as given, with the option that named it (`--output`, `--out`).
    files: Vec<(PathBuf, &'static str)>,
}

impl Outputs {
    pub fn new() -> Self {
        Outputs::default()
    }

    /// Adds `path`, written because of `option`.
    pub fn with(mut self, path: &Path, option: &'static str) -> Self {
        self.files.push((path.to_owned(), option));
        self
    }

    /// The output that is the same file as `input`, with its option, if any.
    pub fn matching(&self, input: &Path) -> Option<(&Path, &'static str)> {
        let id = FileId::of(input)?;
        self.files
            .iter()
            .find(|(out, _)| FileId::of(out).as_ref() == Some(&id))
            .map(|(out, option)| (out.as_path(), *option))
    }

    /// An error when `input`, a file the command reads, is one of the outputs: writing would
    /// destroy what is being read.
    pub fn refuse_input(&self, input: &Path) -> Result<(), Error> {
        match self.matching(input) {
            Some((out, option)) => Err(Error::Usage(format!(
                "{}: this input is also the output file ({option} {}); calq would overwrite what it reads. Write the output to another file",
                input.display(),
                out.display()
            ))),
            None => Ok(()),
        }
    }

    /// [`Outputs::refuse_input`] for every path of `inputs` that is a file (`-` and folders
    /// are left alone: a folder walk leaves outputs out itself).
    pub fn refuse_inputs(&self, inputs: &[PathBuf]) -> Result<(), Error> {
        inputs
            .iter()
            .filter(|p| p.as_os_str() != "-" && !p.is_dir())
            .try_for_each(|p| self.refuse_input(p))
    }

    /// The identities of the outputs that exist.
    pub fn ids(&self) -> Vec<FileId> {
        self.files
            .iter()
            .filter_map(|(out, _)| FileId::of(out))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_name_the_same_file_and_copies_do_not() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "x").expect("write");
        let copy = dir.path().join("copy.txt");
        std::fs::write(&copy, "x").expect("write");
        let dotted = dir.path().join(".").join("a.txt");
        assert!(same(&a, &dotted));
        assert!(!same(&a, &copy));
        assert!(!same(&a, &dir.path().join("missing.txt")));
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.txt");
            std::os::unix::fs::symlink(&a, &soft).expect("symlink");
            let hard = dir.path().join("hard.txt");
            std::fs::hard_link(&a, &hard).expect("hard link");
            assert!(same(&a, &soft));
            assert!(same(&a, &hard));
        }
    }

    #[test]
    fn an_input_that_is_an_output_is_refused_with_both_names() {
        let dir = tempfile::tempdir().expect("tempdir");
        let a = dir.path().join("a.txt");
        std::fs::write(&a, "x").expect("write");
        let outputs = Outputs::new().with(&a, "--output");
        let e = outputs
            .refuse_inputs(&[PathBuf::from("-"), dir.path().to_owned(), a.clone()])
            .expect_err("refused");
        let message = e.to_string();
        assert!(
            message.contains("a.txt") && message.contains("--output"),
            "{message}"
        );
        let other = dir.path().join("b.txt");
        assert!(
            Outputs::new()
                .with(&other, "--output")
                .refuse_inputs(&[a])
                .is_ok()
        );
    }
}
