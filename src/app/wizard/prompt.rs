//! How the wizard asks: the [`Prompter`] trait, dialoguer for people
//! ([`DialoguerPrompter`]) and a script for tests ([`ScriptedPrompter`]).

use std::io;

/// How the wizard asks. Every method blocks until the user answers.
pub trait Prompter {
    /// A line of text; an empty answer returns `default` when there is one, else "".
    fn input(&mut self, prompt: &str, default: Option<&str>) -> io::Result<String>;
    /// Yes or no.
    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool>;
    /// One of `items` (index).
    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> io::Result<usize>;
    /// Any of `items` (indices), `checked` being the initial state.
    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[&str],
        checked: &[bool],
    ) -> io::Result<Vec<usize>>;
    /// Information for the user: warnings, the document, test results.
    fn say(&mut self, text: &str);
}

/// A prompter answering from a script, for tests. Each answer is consumed in order; a
/// question of the wrong kind, or running out of answers, is an error naming the prompt.
#[derive(Debug, Default)]
pub struct ScriptedPrompter {
    answers: std::collections::VecDeque<Answer>,
    /// Everything the wizard said and asked, in order (questions prefixed with `? `).
    pub transcript: Vec<String>,
}

/// One scripted answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// For [`Prompter::input`] ("" takes the default).
    Text(String),
    /// For [`Prompter::confirm`].
    Yes(bool),
    /// For [`Prompter::select`].
    Pick(usize),
    /// For [`Prompter::multi_select`].
    Picks(Vec<usize>),
}

impl ScriptedPrompter {
    /// A prompter that gives these answers.
    pub fn new(answers: impl IntoIterator<Item = Answer>) -> Self {
        ScriptedPrompter {
            answers: answers.into_iter().collect(),
            transcript: Vec::new(),
        }
    }

    fn next(&mut self, prompt: &str) -> io::Result<Answer> {
        self.transcript.push(format!("? {prompt}"));
        self.answers.pop_front().ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::UnexpectedEof,
                format!("script ran out of answers at {prompt:?}"),
            )
        })
    }

    fn wrong(prompt: &str, got: &Answer) -> io::Error {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("scripted answer {got:?} does not fit the question {prompt:?}"),
        )
    }
}

impl Prompter for ScriptedPrompter {
    fn input(&mut self, prompt: &str, default: Option<&str>) -> io::Result<String> {
        match self.next(prompt)? {
            Answer::Text(t) if t.is_empty() => Ok(default.unwrap_or("").to_string()),
            Answer::Text(t) => Ok(t),
            other => Err(Self::wrong(prompt, &other)),
        }
    }

    fn confirm(&mut self, prompt: &str, _default: bool) -> io::Result<bool> {
        match self.next(prompt)? {
            Answer::Yes(b) => Ok(b),
            other => Err(Self::wrong(prompt, &other)),
        }
    }

    fn select(&mut self, prompt: &str, items: &[&str], _default: usize) -> io::Result<usize> {
        match self.next(prompt)? {
            Answer::Pick(i) if i < items.len() => Ok(i),
            other => Err(Self::wrong(prompt, &other)),
        }
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[&str],
        _checked: &[bool],
    ) -> io::Result<Vec<usize>> {
        match self.next(prompt)? {
            Answer::Picks(v) if v.iter().all(|&i| i < items.len()) => Ok(v),
            other => Err(Self::wrong(prompt, &other)),
        }
    }

    fn say(&mut self, text: &str) {
        self.transcript.push(text.to_string());
    }
}

/// The real prompter: dialoguer on the terminal (stderr), with the colourful theme when
/// stderr gets colour.
pub struct DialoguerPrompter {
    theme: Box<dyn dialoguer::theme::Theme>,
    term: console::Term,
}

impl DialoguerPrompter {
    /// A prompter on stderr.
    pub fn new(colour: bool) -> Self {
        let theme: Box<dyn dialoguer::theme::Theme> = if colour {
            Box::new(dialoguer::theme::ColorfulTheme::default())
        } else {
            Box::new(dialoguer::theme::SimpleTheme)
        };
        DialoguerPrompter {
            theme,
            term: console::Term::stderr(),
        }
    }
}

fn io_error(e: dialoguer::Error) -> io::Error {
    match e {
        dialoguer::Error::IO(e) => e,
    }
}

impl Prompter for DialoguerPrompter {
    fn input(&mut self, prompt: &str, default: Option<&str>) -> io::Result<String> {
        let mut input = dialoguer::Input::<String>::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .allow_empty(true);
        if let Some(d) = default {
            input = input.default(d.to_string());
        }
        input.interact_text_on(&self.term).map_err(io_error)
    }

    fn confirm(&mut self, prompt: &str, default: bool) -> io::Result<bool> {
        dialoguer::Confirm::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .default(default)
            .interact_on(&self.term)
            .map_err(io_error)
    }

    fn select(&mut self, prompt: &str, items: &[&str], default: usize) -> io::Result<usize> {
        dialoguer::Select::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items.iter())
            .default(default)
            .interact_on(&self.term)
            .map_err(io_error)
    }

    fn multi_select(
        &mut self,
        prompt: &str,
        items: &[&str],
        checked: &[bool],
    ) -> io::Result<Vec<usize>> {
        dialoguer::MultiSelect::with_theme(self.theme.as_ref())
            .with_prompt(prompt)
            .items(items.iter())
            .defaults(checked)
            .interact_on(&self.term)
            .map_err(io_error)
    }

    fn say(&mut self, text: &str) {
        let _ = self.term.write_line(text);
    }
}
