//! 外发 — the two outbound channels: a minimal HTTP/1.1 POST over `tokio::net::TcpStream`
//! (`http://` only: the receiver is on the bureau's intranet, and a TLS relay can sit in front
//! of anything further), and a command run with the JSON notice on its standard input.
//!
//! Both are bounded by a timeout; an answer other than HTTP 2xx, or a command that fails or
//! exits non-zero, is an error the caller records. Nothing here retries: retries are explicit
//! (`ecogov hook retry`), so every attempt is recorded.

use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Time allowed for one delivery.
pub(crate) const TIMEOUT: Duration = Duration::from_secs(10);

/// The parts of an `http://host[:port][/path]` URL.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct HttpUrl {
    host: String,
    port: u16,
    path: String,
}

/// Parses an `http://` URL; `https://` and anything else is refused with a reason.
pub(crate) fn parse_url(url: &str) -> Result<HttpUrl, String> {
    let rest = match url.trim().strip_prefix("http://") {
        Some(r) => r,
        None if url.trim().starts_with("https://") => {
            return Err(
                "只支持 http:// 地址（内网接收端）；https 请经内网中转 (only http:// is supported)"
                    .into(),
            );
        }
        None => return Err(format!("“{url}”不是 http:// 地址 (not an http:// URL)")),
    };
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    if authority.is_empty() || authority.contains('@') {
        return Err(format!("“{url}”缺少主机名或含用户信息 (bad host)"));
    }
    let bad_port = || format!("“{url}”端口无效 (bad port)");
    let port_of = |p: Option<&str>| match p {
        None => Ok(80),
        Some(p) => p.parse::<u16>().map_err(|_| bad_port()),
    };
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => {
            let (h, after) = v6.split_once(']').ok_or_else(bad_port)?;
            let port = match after {
                "" => 80,
                a => port_of(Some(a.strip_prefix(':').ok_or_else(bad_port)?))?,
            };
            (h.to_string(), port)
        }
        None => {
            let (h, p) = match authority.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (authority, None),
            };
            (h.to_string(), port_of(p)?)
        }
    };
    if host.is_empty() || path.contains(['\r', '\n', ' ']) {
        return Err(format!("“{url}”地址无效 (bad URL)"));
    }
    Ok(HttpUrl {
        host,
        port,
        path: path.to_string(),
    })
}

/// POSTs `body` (JSON) to `url`; `Ok` on a 2xx answer.
pub(crate) async fn post_json(url: &str, body: &str) -> Result<(), String> {
    let u = parse_url(url)?;
    match tokio::time::timeout(TIMEOUT, exchange(&u, body)).await {
        Ok(r) => r,
        Err(_) => Err(format!(
            "{} 秒内未完成 (timed out after {} s)",
            TIMEOUT.as_secs(),
            TIMEOUT.as_secs()
        )),
    }
}

async fn exchange(u: &HttpUrl, body: &str) -> Result<(), String> {
    let mut stream = TcpStream::connect((u.host.as_str(), u.port))
        .await
        .map_err(|e| format!("无法连接 {}:{} (cannot connect): {e}", u.host, u.port))?;
    let host = if u.host.contains(':') {
        format!("[{}]", u.host)
    } else {
        u.host.clone()
    };
    let host_header = if u.port == 80 {
        host
    } else {
        format!("{host}:{}", u.port)
    };
    let request = format!(
        "POST {} HTTP/1.1\r\nHost: {host_header}\r\nUser-Agent: ecogov\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        u.path,
        body.len()
    );
    stream
        .write_all(request.as_bytes())
        .await
        .map_err(|e| format!("发送失败 (write failed): {e}"))?;
    stream
        .write_all(body.as_bytes())
        .await
        .map_err(|e| format!("发送失败 (write failed): {e}"))?;
    stream
        .flush()
        .await
        .map_err(|e| format!("发送失败 (write failed): {e}"))?;
    let mut head = Vec::new();
    let mut buf = [0u8; 512];
    while !head.windows(2).any(|w| w == b"\r\n") && head.len() < 8192 {
        let n = stream
            .read(&mut buf)
            .await
            .map_err(|e| format!("读取应答失败 (read failed): {e}"))?;
        if n == 0 {
            break;
        }
        head.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&head);
    let status_line = text.lines().next().unwrap_or("");
    let code = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse::<u16>().ok());
    match code {
        Some(c) if (200..300).contains(&c) => Ok(()),
        Some(c) => Err(format!("接收端应答 HTTP {c} (receiver answered {c})")),
        None => Err(format!(
            "接收端应答无效 (no HTTP status): {:?}",
            status_line.chars().take(80).collect::<String>()
        )),
    }
}

/// Runs `program` with `body` on standard input; `Ok` when it exits 0 within the timeout.
pub(crate) async fn run_command(program: &str, body: &str) -> Result<(), String> {
    let program = program.to_string();
    let body = body.to_string();
    tokio::task::spawn_blocking(move || run_blocking(&program, &body))
        .await
        .map_err(|e| format!("命令未能执行 (command task failed): {e}"))?
}

fn run_blocking(program: &str, body: &str) -> Result<(), String> {
    let mut child = Command::new(program)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("无法运行命令 {program} (cannot run the command): {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin
            .write_all(body.as_bytes())
            .map_err(|e| format!("无法写入命令的标准输入 (cannot write stdin): {e}"))?;
    }
    let start = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(status)) => {
                let mut err = String::new();
                if let Some(mut e) = child.stderr.take() {
                    let _ = std::io::Read::read_to_string(&mut e, &mut err);
                }
                return Err(format!(
                    "命令退出码 {} (command failed): {}",
                    status.code().map_or("?".into(), |c| c.to_string()),
                    err.trim().chars().take(200).collect::<String>()
                ));
            }
            Ok(None) if start.elapsed() > TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("命令 {} 秒内未结束 (timed out)", TIMEOUT.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(format!("等待命令失败 (wait failed): {e}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        assert_eq!(
            parse_url("http://10.1.2.3:8080/hook?x=1"),
            Ok(HttpUrl {
                host: "10.1.2.3".into(),
                port: 8080,
                path: "/hook?x=1".into()
            })
        );
        assert_eq!(
            parse_url("http://sms.local"),
            Ok(HttpUrl {
                host: "sms.local".into(),
                port: 80,
                path: "/".into()
            })
        );
        assert!(
            parse_url("https://x/")
                .expect_err("https")
                .contains("http://")
        );
        assert_eq!(
            parse_url("http://[::1]:9/").map(|u| (u.host, u.port)),
            Ok(("::1".into(), 9))
        );
        assert!(parse_url("ftp://x/").is_err());
        assert!(parse_url("http://:80/").is_err());
        assert!(parse_url("http://h:99999/").is_err());
        assert!(parse_url("http://u:p@h/").is_err());
    }

    #[tokio::test]
    async fn posts_to_a_local_receiver_and_reports_non_2xx() {
        use tokio::net::TcpListener;
        for (answer, ok) in [("200 OK", true), ("500 Internal Server Error", false)] {
            let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
            let port = listener.local_addr().expect("addr").port();
            let server = tokio::spawn(async move {
                let (mut s, _) = listener.accept().await.expect("accept");
                let mut got = Vec::new();
                let mut buf = [0u8; 1024];
                while !String::from_utf8_lossy(&got).contains("\"x\":1") {
                    let n = s.read(&mut buf).await.expect("read");
                    if n == 0 {
                        break;
                    }
                    got.extend_from_slice(&buf[..n]);
                }
                let reply = format!("HTTP/1.1 {answer}\r\nContent-Length: 0\r\n\r\n");
                s.write_all(reply.as_bytes()).await.expect("reply");
                String::from_utf8_lossy(&got).into_owned()
            });
            let r = post_json(&format!("http://127.0.0.1:{port}/in"), "{\"x\":1}").await;
            assert_eq!(r.is_ok(), ok, "{r:?}");
            let req = server.await.expect("server");
            assert!(req.starts_with("POST /in HTTP/1.1\r\n"), "{req}");
            assert!(req.contains("Content-Length: 7\r\n"));
        }
        let closed = post_json("http://127.0.0.1:1/", "{}").await;
        assert!(closed.is_err());
    }
}
