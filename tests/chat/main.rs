//! The conversation's understanding of Korean messages, over the committed test set.

mod answers;
mod nlu;
