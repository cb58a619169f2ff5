//! An HTTP service and its clients: hyper serves projects as JSON, reqwest fetches them, tower limits the work,
//! tokio runs it all on a local port.
use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::Duration;

use async_trait::async_trait;
use bytes::Bytes;
use futures::future::try_join_all;
use hyper::service::{make_service_fn, service_fn};
use hyper::{Body, Request, Response, Server, StatusCode};
use scale_core::Project;
use tokio_stream::StreamExt;
use tokio_util::codec::{FramedRead, LinesCodec};
use tower::{ServiceBuilder, ServiceExt};

/// A place projects come from.
#[async_trait]
pub trait Source: Send + Sync {
    async fn fetch(&self, name: &str) -> anyhow::Result<Project>;
}

pub struct HttpSource {
    client: reqwest::Client,
    base: http::Uri,
}

#[async_trait]
impl Source for HttpSource {
    async fn fetch(&self, name: &str) -> anyhow::Result<Project> {
        let url = format!("{}{}", self.base, name);
        let response = self.client.get(url).send().await?.error_for_status()?;
        Ok(response.json::<Project>().await?)
    }
}

async fn handle(request: Request<Body>) -> Result<Response<Body>, Infallible> {
    let name = request.uri().path().trim_start_matches('/');
    let response = match Project::sample(name, name.len() as u32) {
        Ok(project) => Response::builder()
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(Body::from(serde_json::to_vec(&project).unwrap_or_default())),
        Err(error) => Response::builder()
            .status(StatusCode::BAD_REQUEST)
            .body(Body::from(error.to_string())),
    };
    Ok(response.unwrap_or_else(|_| Response::new(Body::empty())))
}

/// Serves projects on a local port and fetches each name through it, concurrently.
pub async fn serve_and_fetch(names: &[String]) -> anyhow::Result<Vec<Project>> {
    let address = SocketAddr::from(([127, 0, 0, 1], 0));
    let make = make_service_fn(|_connection| async { Ok::<_, Infallible>(service_fn(handle)) });
    let server = Server::try_bind(&address)?.serve(make);
    let base: http::Uri = format!("http://{}/", server.local_addr()).parse()?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let task = tokio::spawn(server.with_graceful_shutdown(async {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .no_proxy()
        .build()?;
    let source = HttpSource { client, base };
    let projects = try_join_all(names.iter().map(|name| source.fetch(name))).await?;
    let _ = stop.send(());
    task.await??;
    Ok(projects)
}

/// Sums the bytes of each chunk through a tower stack (concurrency limit, timeout).
pub async fn checksum(chunks: Vec<Bytes>) -> Result<u64, tower::BoxError> {
    let service = ServiceBuilder::new()
        .concurrency_limit(2)
        .timeout(Duration::from_secs(1))
        .service_fn(
            |chunk: Bytes| async move { Ok::<_, Infallible>(chunk.iter().map(|&b| u64::from(b)).sum::<u64>()) },
        );
    let mut total = 0;
    for chunk in chunks {
        total += service.clone().oneshot(chunk).await?;
    }
    Ok(total)
}

/// Counts the lines of a text through a framed codec.
pub async fn count_lines(text: &str) -> anyhow::Result<usize> {
    let mut lines = FramedRead::new(text.as_bytes(), LinesCodec::new());
    let mut count = 0;
    while let Some(line) = lines.next().await {
        line?;
        count += 1;
    }
    Ok(count)
}

/// A client that would speak TLS through rustls with an empty root store: built, never connected.
pub fn rustls_client() -> anyhow::Result<reqwest::Client> {
    let config = rustls::ClientConfig::builder()
        .with_safe_defaults()
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth();
    Ok(reqwest::Client::builder().use_preconfigured_tls(config).build()?)
}

/// Runs the network part on a multi-threaded runtime: fetch, checksum and count.
pub fn run(names: &[String]) -> anyhow::Result<(Vec<Project>, u64, usize)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    runtime.block_on(async {
        let projects = serve_and_fetch(names).await?;
        let bodies: Vec<Bytes> = projects
            .iter()
            .map(|p| Bytes::from(serde_json::to_vec(p).unwrap_or_default()))
            .collect();
        let sum = checksum(bodies).await.map_err(|error| anyhow::anyhow!(error))?;
        let text: String = projects.iter().map(|p| format!("{}\n", p.name)).collect();
        let _ = rustls_client()?;
        Ok((projects, sum, count_lines(&text).await?))
    })
}
