//! The state of `EnvironmentService`: registered images and the instances started from them.

use std::collections::BTreeMap;
use std::time::SystemTime;

use flow_proto::durable::v1::{EnvironmentInstance, Image};

use super::StoreResult;

/// What [`EnvironmentStore::put_image`] did.
#[derive(Debug, Clone, PartialEq)]
pub enum ImagePut {
    /// The name already pointed at this digest: nothing was written; the image as stored.
    Unchanged(Image),
    /// The image was written; the digest the name pointed at before, if any.
    Stored {
        image: Image,
        previous_digest: Option<String>,
    },
}

/// Which instances [`EnvironmentStore::list_instances`] returns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InstanceQuery {
    /// Only instances of this image.
    pub image_name: Option<String>,
    /// Only instances in one of these stages (`InstanceStage` values); empty means all.
    pub stages: Vec<i32>,
    /// Only instances carrying all of these labels with these values.
    pub labels: BTreeMap<String, String>,
    /// Only instances after this `(create_time, instance_id)` in list order (the page cursor).
    pub after: Option<(SystemTime, String)>,
    /// At most this many.
    pub limit: usize,
}

/// An instance that had not ended, with the process id it was last known to run as.
#[derive(Debug, Clone, PartialEq)]
pub struct SupervisedInstance {
    pub instance: EnvironmentInstance,
    pub pid: Option<u32>,
}

#[tonic::async_trait]
pub trait EnvironmentStore: Send + Sync + 'static {
    /// Registers `image` (its `register_time` set by the caller) under its name, unless the name
    /// already points at the same digest.
    async fn put_image(&self, image: Image) -> StoreResult<ImagePut>;

    /// The image registered under `name`, if any.
    async fn get_image(&self, name: &str) -> StoreResult<Option<Image>>;

    /// Writes `instance` unless one with its id exists; the instance as stored, and whether it
    /// was written by this call.
    async fn create_instance(
        &self,
        instance: EnvironmentInstance,
    ) -> StoreResult<(EnvironmentInstance, bool)>;

    /// Replaces the stored copy of an existing instance, with the process id it runs as
    /// (`None` when no process runs).
    async fn update_instance(
        &self,
        instance: EnvironmentInstance,
        pid: Option<u32>,
    ) -> StoreResult<()>;

    /// The instance `instance_id`, if any.
    async fn get_instance(&self, instance_id: &str) -> StoreResult<Option<EnvironmentInstance>>;

    /// The instances matching `query`, newest first (create time, then id, both descending).
    async fn list_instances(&self, query: InstanceQuery) -> StoreResult<Vec<EnvironmentInstance>>;

    /// Every instance not in a terminal stage (`STOPPED`, `FAILED`), with its process id.
    async fn unfinished_instances(&self) -> StoreResult<Vec<SupervisedInstance>>;
}
