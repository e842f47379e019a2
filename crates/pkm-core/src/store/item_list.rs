//! The item lists of an assessment — its action items (nhiệm vụ khắc phục) and its requests (kiến
//! nghị) today, and any list added later — handled one way at every step: an item has an id of
//! its own, one register per item, edits that add (a new id), replace or delete (a tombstone) a
//! live item, the checks of an edit, and the checks the bundle reader runs on a file's items.
//!
//! A new list is a new [`ListItem`] implementation (its bundle member, its required text, its
//! edit checks, where its registers live in [`AssessmentDoc`]); the edits, the reader's checks
//! and the merge then come with it.

use std::collections::BTreeMap;

use serde::Serialize;
use serde::de::DeserializeOwned;

use super::doc::AssessmentDoc;
use super::errors::EditError;
use super::{check_date, check_text};
use crate::assessment::{ActionItem, Request};
use crate::bundle::limits::number_in_range;
use crate::catalogue::Catalogue;
use crate::ids::{CriterionId, ItemId};
use crate::register::MvReg;

/// One register per item, by item id: how every item list is stored and travels.
pub type ItemRegisters<T> = BTreeMap<ItemId, MvReg<T>>;

/// An item of one of an assessment's lists.
pub trait ListItem: Clone + PartialEq + Serialize + DeserializeOwned {
    /// The list's member in an assessment of a bundle (`"actions"`, `"requests"`).
    const MEMBER: &'static str;
    /// The text field an item cannot leave empty (`"task"`, `"description"`).
    const REQUIRED_TEXT: &'static str;

    /// Its id, which is also its key in the list.
    fn id(&self) -> &ItemId;

    /// The value of [`ListItem::REQUIRED_TEXT`].
    fn required_text(&self) -> &str;

    /// The criterion it refers to, if any (checked against the catalogue).
    fn criterion(&self) -> Option<&CriterionId> {
        None
    }

    /// Checks an edit: its id, texts, dates and numbers, and what it refers to in `catalogue`.
    fn check_edit(&self, catalogue: &Catalogue) -> Result<(), EditError>;

    /// The list in an assessment.
    fn registers(doc: &AssessmentDoc) -> &ItemRegisters<Self>;

    /// The list in an assessment, to change.
    fn registers_mut(doc: &mut AssessmentDoc) -> &mut ItemRegisters<Self>;
}

/// Checks the id of an item being edited.
fn check_item_id(id: &ItemId) -> Result<(), EditError> {
    id.check().map_err(|error| EditError::InvalidId {
        field: "item.id",
        error,
    })
}

impl ListItem for ActionItem {
    const MEMBER: &'static str = "actions";
    const REQUIRED_TEXT: &'static str = "task";

    fn id(&self) -> &ItemId {
        &self.id
    }

    fn required_text(&self) -> &str {
        &self.task
    }

    fn criterion(&self) -> Option<&CriterionId> {
        self.criterion.as_ref()
    }

    fn check_edit(&self, catalogue: &Catalogue) -> Result<(), EditError> {
        check_item_id(&self.id)?;
        check_text("task", &self.task, true)?;
        check_text("owner", &self.owner, false)?;
        if let Some(criterion) = &self.criterion
            && catalogue.criterion(criterion).is_none()
        {
            return Err(EditError::UnknownCriterion {
                criterion: criterion.clone(),
                catalogue: catalogue.id.clone(),
            });
        }
        if let Some(deadline) = &self.deadline {
            check_date(deadline)?;
        }
        Ok(())
    }

    fn registers(doc: &AssessmentDoc) -> &ItemRegisters<Self> {
        doc.actions()
    }

    fn registers_mut(doc: &mut AssessmentDoc) -> &mut ItemRegisters<Self> {
        doc.actions_mut()
    }
}

impl ListItem for Request {
    const MEMBER: &'static str = "requests";
    const REQUIRED_TEXT: &'static str = "description";

    fn id(&self) -> &ItemId {
        &self.id
    }

    fn required_text(&self) -> &str {
        &self.description
    }

    fn check_edit(&self, _catalogue: &Catalogue) -> Result<(), EditError> {
        check_item_id(&self.id)?;
        check_text("description", &self.description, true)?;
        check_text("unit_label", &self.unit_label, false)?;
        if let Some(quantity) = self.quantity
            && !number_in_range(quantity)
        {
            return Err(EditError::QuantityOutOfRange(quantity));
        }
        Ok(())
    }

    fn registers(doc: &AssessmentDoc) -> &ItemRegisters<Self> {
        doc.requests()
    }

    fn registers_mut(doc: &mut AssessmentDoc) -> &mut ItemRegisters<Self> {
        doc.requests_mut()
    }
}
