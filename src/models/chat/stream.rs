//! Turning tokens into text pieces as they come: the whole sequence is decoded each time and the new suffix
//! is emitted once it ends on a whole character (a byte-fallback token may carry half of a hangul syllable).

use tokenizers::Tokenizer;

pub struct TextStream<'t> {
    tokenizer: &'t Tokenizer,
    tokens: Vec<u32>,
    emitted: String,
}

impl<'t> TextStream<'t> {
    pub fn new(tokenizer: &'t Tokenizer) -> TextStream<'t> {
        TextStream { tokenizer, tokens: Vec::new(), emitted: String::new() }
    }

    fn decoded(&self) -> Result<String, String> {
        self.tokenizer.decode(&self.tokens, true).map_err(|e| format!("decode: {e}"))
    }

    fn take_new(&mut self, text: String, last: bool) -> Option<String> {
        let rest = text.strip_prefix(self.emitted.as_str())?;
        if rest.is_empty() || (!last && rest.ends_with('\u{FFFD}')) {
            return None;
        }
        let rest = rest.to_string();
        self.emitted.push_str(&rest);
        Some(rest)
    }

    /// Adds a token; returns the text it completes, if any.
    pub fn push(&mut self, token: u32) -> Result<Option<String>, String> {
        self.tokens.push(token);
        let text = self.decoded()?;
        Ok(self.take_new(text, false))
    }

    /// Whatever is left once generation ends.
    pub fn finish(&mut self) -> Result<Option<String>, String> {
        let text = self.decoded()?;
        Ok(self.take_new(text, true))
    }

    /// Everything emitted so far.
    pub fn text(&self) -> &str {
        &self.emitted
    }
}
