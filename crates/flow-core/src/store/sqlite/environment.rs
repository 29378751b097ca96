//! [`EnvironmentStore`] in SQLite: the `environment_images`, `environment_instances` and
//! `environment_instance_labels` tables (`migrations/0003_environment.sql`).

use flow_proto::durable::v1::{EnvironmentInstance, Image, InstanceStage};
use flow_proto::wkt::Timestamp;
use prost::Message;
use rusqlite::{OptionalExtension, params};

use super::{SqliteStore, corrupt, decode, millis};
use crate::store::{EnvironmentStore, ImagePut, InstanceQuery, StoreResult, SupervisedInstance};

/// A proto timestamp in the store's milliseconds.
fn timestamp_millis(time: Option<&Timestamp>) -> i64 {
    time.map_or(0, |t| {
        t.seconds
            .saturating_mul(1000)
            .saturating_add(i64::from(t.nanos / 1_000_000))
    })
}

const TERMINAL: [InstanceStage; 2] = [InstanceStage::Stopped, InstanceStage::Failed];

#[tonic::async_trait]
impl EnvironmentStore for SqliteStore {
    async fn put_image(&self, image: Image) -> StoreResult<ImagePut> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let stored: Option<(String, Vec<u8>)> = tx
                .query_row(
                    "SELECT digest, image FROM environment_images WHERE name = ?1",
                    params![image.name],
                    |row| Ok((row.get(0)?, row.get(1)?)),
                )
                .optional()?;
            if let Some((digest, bytes)) = &stored
                && *digest == image.digest
            {
                return Ok(ImagePut::Unchanged(decode::<Image>("image", bytes)?));
            }
            tx.execute(
                "INSERT INTO environment_images (name, digest, image) VALUES (?1, ?2, ?3) \
                 ON CONFLICT (name) DO UPDATE SET digest = ?2, image = ?3",
                params![image.name, image.digest, image.encode_to_vec()],
            )?;
            tx.commit()?;
            Ok(ImagePut::Stored {
                image,
                previous_digest: stored.map(|(digest, _)| digest),
            })
        })
        .await
    }

    async fn get_image(&self, name: &str) -> StoreResult<Option<Image>> {
        let sql = "SELECT image FROM environment_images WHERE name = ?1";
        self.read_message(sql, name, "image").await
    }

    async fn create_instance(
        &self,
        instance: EnvironmentInstance,
    ) -> StoreResult<(EnvironmentInstance, bool)> {
        self.with_conn(move |conn| {
            let tx = conn.transaction()?;
            let existing: Option<Vec<u8>> = tx
                .query_row(
                    "SELECT instance FROM environment_instances WHERE instance_id = ?1",
                    params![instance.instance_id],
                    |row| row.get(0),
                )
                .optional()?;
            if let Some(bytes) = existing {
                return Ok((decode::<EnvironmentInstance>("instance", &bytes)?, false));
            }
            tx.execute(
                "INSERT INTO environment_instances \
                 (instance_id, image_name, stage, create_ms, pid, instance) \
                 VALUES (?1, ?2, ?3, ?4, NULL, ?5)",
                params![
                    instance.instance_id,
                    instance.image_name,
                    instance.stage,
                    timestamp_millis(instance.create_time.as_ref()),
                    instance.encode_to_vec(),
                ],
            )?;
            {
                let mut label = tx.prepare(
                    "INSERT INTO environment_instance_labels (instance_id, key, value) \
                     VALUES (?1, ?2, ?3)",
                )?;
                for (key, value) in &instance.labels {
                    label.execute(params![instance.instance_id, key, value])?;
                }
            }
            tx.commit()?;
            Ok((instance, true))
        })
        .await
    }

    async fn update_instance(
        &self,
        instance: EnvironmentInstance,
        pid: Option<u32>,
    ) -> StoreResult<()> {
        self.with_conn(move |conn| {
            let updated = conn.execute(
                "UPDATE environment_instances SET stage = ?2, pid = ?3, instance = ?4 \
                 WHERE instance_id = ?1",
                params![
                    instance.instance_id,
                    instance.stage,
                    pid,
                    instance.encode_to_vec()
                ],
            )?;
            if updated == 0 {
                return Err(corrupt(format!(
                    "instance {} vanished from the store",
                    instance.instance_id
                )));
            }
            Ok(())
        })
        .await
    }

    async fn get_instance(&self, instance_id: &str) -> StoreResult<Option<EnvironmentInstance>> {
        let sql = "SELECT instance FROM environment_instances WHERE instance_id = ?1";
        self.read_message(sql, instance_id, "instance").await
    }

    async fn list_instances(&self, query: InstanceQuery) -> StoreResult<Vec<EnvironmentInstance>> {
        self.with_conn(move |conn| {
            let stages = serde_json::to_string(&query.stages).map_err(corrupt)?;
            let labels = serde_json::to_string(&query.labels).map_err(corrupt)?;
            let (after_time, after_id) = query.after.unzip();
            let mut select = conn.prepare_cached(
                "SELECT instance FROM environment_instances i \
                 WHERE (?1 IS NULL OR image_name = ?1) \
                   AND (json_array_length(?2) = 0 \
                        OR stage IN (SELECT value FROM json_each(?2))) \
                   AND (SELECT COUNT(*) FROM environment_instance_labels l \
                        JOIN json_each(?3) f ON l.key = f.key AND l.value = f.value \
                        WHERE l.instance_id = i.instance_id) \
                       = (SELECT COUNT(*) FROM json_each(?3)) \
                   AND (?4 IS NULL OR (create_ms, instance_id) < (?4, ?5)) \
                 ORDER BY create_ms DESC, instance_id DESC LIMIT ?6",
            )?;
            let limit = i64::try_from(query.limit).unwrap_or(i64::MAX);
            let rows = select.query_map(
                params![
                    query.image_name,
                    stages,
                    labels,
                    after_time.map(millis),
                    after_id,
                    limit
                ],
                |row| row.get::<_, Vec<u8>>(0),
            )?;
            let mut listed = Vec::new();
            for row in rows {
                listed.push(decode::<EnvironmentInstance>("instance", &row?)?);
            }
            Ok(listed)
        })
        .await
    }

    async fn unfinished_instances(&self) -> StoreResult<Vec<SupervisedInstance>> {
        self.with_conn(move |conn| {
            let mut select = conn.prepare_cached(
                "SELECT instance, pid FROM environment_instances \
                 WHERE stage NOT IN (?1, ?2) ORDER BY create_ms, instance_id",
            )?;
            let rows = select
                .query_map(params![TERMINAL[0] as i32, TERMINAL[1] as i32], |row| {
                    Ok((row.get::<_, Vec<u8>>(0)?, row.get::<_, Option<u32>>(1)?))
                })?;
            let mut unfinished = Vec::new();
            for row in rows {
                let (bytes, pid) = row?;
                unfinished.push(SupervisedInstance {
                    instance: decode::<EnvironmentInstance>("instance", &bytes)?,
                    pid,
                });
            }
            Ok(unfinished)
        })
        .await
    }
}
