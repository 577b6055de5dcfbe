//! Japanese text for what the engine writes in English: line-item descriptions, units and review
//! notes, translated at presentation time (the engine, JSON, ids and keys stay English).
//!
//! Descriptions are built in `src/services/*.rs` from fixed templates plus values (memory size,
//! instance type, counts) and, for tiered prices, a suffix from `services::tier_label` /
//! `priced_after_free`: " (first N unit)", " (next N unit)", " (over N unit)",
//! " (free tier, N unit)". A description is split into base + suffix, the base is matched against
//! the templates below (values are carried over as they are), the suffix is rebuilt in Japanese.
//! Limit findings: messages, units and sources by template here; remedies of limits.csv rows
//! from `limits/remedies-ja.csv` (by id), the checks' own remedies by template.
//! Anything not recognised is shown in English, unchanged: this never panics and never guesses.
use super::i18n::Lang;
use crate::services::Line;
use std::borrow::Cow;

/// English template → Japanese template. `{}` in the English matches one non-empty value;
/// `{0}`, `{1}`… in the Japanese insert the values in order of appearance in the English.
/// More specific templates come first (the first match wins).
const TEMPLATES: &[(&str, &str)] = &[
    // alb.rs
    (
        "Application Load Balancer ({})",
        "Application Load Balancer（{0} 台）",
    ),
    (
        "ALB capacity units (largest dimension, hour by hour)",
        "ALB キャパシティユニット（最大の項目、1 時間ごと）",
    ),
    (
        "Public IPv4 addresses of the internet-facing ALB ({}: {} AZs)",
        "インターネット向け ALB のパブリック IPv4 アドレス（{0} 個: {1} AZ）",
    ),
    // apigw.rs
    ("REST API requests", "REST API リクエスト"),
    ("REST API cache {} GB", "REST API キャッシュ {0} GB"),
    (
        "HTTP API requests (512 KB metering)",
        "HTTP API リクエスト（512 KB 単位で計量）",
    ),
    (
        "WebSocket messages (32 KB metering)",
        "WebSocket メッセージ（32 KB 単位で計量）",
    ),
    ("WebSocket connection minutes", "WebSocket 接続時間（分）"),
    (
        "Interface VPC endpoint, {} AZs",
        "インターフェイス VPC エンドポイント（{0} AZ）",
    ),
    (
        "VPC endpoint data processed",
        "VPC エンドポイントのデータ処理量",
    ),
    // dynamodb.rs
    (
        "DynamoDB read request units (on-demand)",
        "DynamoDB 読み取りリクエストユニット（オンデマンド）",
    ),
    (
        "DynamoDB write request units (on-demand)",
        "DynamoDB 書き込みリクエストユニット（オンデマンド）",
    ),
    (
        "DynamoDB provisioned reads, {} RCU",
        "DynamoDB プロビジョンド読み取り容量 {0} RCU",
    ),
    (
        "DynamoDB provisioned writes, {} WCU",
        "DynamoDB プロビジョンド書き込み容量 {0} WCU",
    ),
    ("DynamoDB storage", "DynamoDB ストレージ"),
    // purchase.rs: reservations, Savings Plans, Spot (labels after " — " are in LABELS)
    (
        "DynamoDB reserved {} ({}), {} reserved, hourly fee",
        "DynamoDB リザーブドキャパシティ {0}（{1}）{2} 単位、時間料金",
    ),
    (
        "DynamoDB reserved {} ({}), {} x {} USD upfront amortised over {} months",
        "DynamoDB リザーブドキャパシティ {0}（{1}）前払い {3} USD × {2}、{4} か月で按分",
    ),
    (
        "{} Reserved Instances ({}), {} reserved, hourly fee",
        "{0} リザーブドインスタンス（{1}）{2} 台分、時間料金",
    ),
    (
        "{} Reserved Instances ({}), {} x {} USD upfront amortised over {} months",
        "{0} リザーブドインスタンス（{1}）前払い {3} USD × {2} 台、{4} か月で按分",
    ),
    (
        "{} ({}), commitment {} USD/h (half up front, AWS's minimum for partial upfront), covers {} x {} at {} USD/h",
        "{0}（{1}）コミットメント {2} USD/時間（半額を前払い: 一部前払いの最低額）、{4} {3} 台分を {5} USD/時間で",
    ),
    (
        "{} ({}), commitment {} USD/h, covers {} x {} at {} USD/h",
        "{0}（{1}）コミットメント {2} USD/時間、{4} {3} 台分を {5} USD/時間で",
    ),
    (
        "{} ({}), commitment {} USD/h (half up front, AWS's minimum for partial upfront), covers {} tasks of {} at {} USD/vCPU-h + {} USD/GB-h",
        "{0}（{1}）コミットメント {2} USD/時間（半額を前払い: 一部前払いの最低額）、{4} のタスク {3} 個分を {5} USD/vCPU-時間 + {6} USD/GB-時間で",
    ),
    (
        "{} ({}), commitment {} USD/h, covers {} tasks of {} at {} USD/vCPU-h + {} USD/GB-h",
        "{0}（{1}）コミットメント {2} USD/時間、{4} のタスク {3} 個分を {5} USD/vCPU-時間 + {6} USD/GB-時間で",
    ),
    (
        "{} ({}), commitment {} USD/h (half up front, AWS's minimum for partial upfront), covers {} GB-seconds per hour of Lambda duration at {} USD/GB-s",
        "{0}（{1}）コミットメント {2} USD/時間（半額を前払い: 一部前払いの最低額）、Lambda の実行時間 1 時間あたり {3} GB-秒分を {4} USD/GB-秒で",
    ),
    (
        "{} ({}), commitment {} USD/h, covers {} GB-seconds per hour of Lambda duration at {} USD/GB-s",
        "{0}（{1}）コミットメント {2} USD/時間、Lambda の実行時間 1 時間あたり {3} GB-秒分を {4} USD/GB-秒で",
    ),
    (
        "{} ({}), commitment {} USD/h (half up front, AWS's minimum for partial upfront): {} USD upfront amortised over {} months",
        "{0}（{1}）コミットメント {2} USD/時間（半額を前払い: 一部前払いの最低額）: 前払い {3} USD、{4} か月で按分",
    ),
    (
        "{} ({}), commitment {} USD/h: {} USD upfront amortised over {} months",
        "{0}（{1}）コミットメント {2} USD/時間: 前払い {3} USD、{4} か月で按分",
    ),
    (
        "EC2 {} above the {} reserved, Linux on-demand",
        "EC2 {0}（リザーブド {1} 台を超える分）、Linux オンデマンド",
    ),
    (
        "EC2 {} above the Savings Plan commitment, Linux on-demand",
        "EC2 {0}（Savings Plan のコミットメントを超える分）、Linux オンデマンド",
    ),
    (
        "EC2 {} not on Spot, Linux on-demand",
        "EC2 {0}（Spot 以外の分）、Linux オンデマンド",
    ),
    (
        "EC2 {} Spot ({} % of the instance-hours), {} % below on-demand",
        "EC2 {0} Spot（インスタンス時間の {1} %）、オンデマンドより {2} % 安い",
    ),
    (
        "Fargate vCPU ({}, {}), above the Savings Plan commitment",
        "Fargate vCPU（{0}、{1}）、Savings Plan のコミットメントを超える分",
    ),
    (
        "Fargate memory ({}, {}), above the Savings Plan commitment",
        "Fargate メモリ（{0}、{1}）、Savings Plan のコミットメントを超える分",
    ),
    // ec2.rs
    (
        "EC2 {} scaled hour by hour, Linux on-demand",
        "EC2 {0}（1 時間ごとに台数を調整）、Linux オンデマンド",
    ),
    (
        "EC2 {} x {}, Linux on-demand",
        "EC2 {1} × {0} 台、Linux オンデマンド",
    ),
    ("EBS gp3, {} GB per instance", "EBS gp3、1 台あたり {0} GB"),
    (
        "Public IPv4 address per instance",
        "インスタンスごとのパブリック IPv4 アドレス",
    ),
    // fargate.rs
    ("Fargate vCPU ({}, {})", "Fargate vCPU（{0}、{1}）"),
    ("Fargate memory ({}, {})", "Fargate メモリ（{0}、{1}）"),
    (
        "Windows Server licence per vCPU",
        "Windows Server ライセンス（vCPU あたり）",
    ),
    ("Fargate Spot vCPU ({})", "Fargate Spot vCPU（{0}）"),
    ("Fargate Spot memory ({})", "Fargate Spot メモリ（{0}）"),
    (
        "Ephemeral storage above 20 GB ({} GB configured)",
        "エフェメラルストレージ 20 GB 超過分（設定 {0} GB）",
    ),
    (
        "EKS cluster (standard support)",
        "EKS クラスター（標準サポート）",
    ),
    // lambda.rs
    ("Lambda requests", "Lambda リクエスト"),
    ("Lambda compute, {} MB {}", "Lambda 実行時間 {0} MB {1}"),
    (
        "Provisioned concurrency, {} environments x {} h",
        "プロビジョニングされた同時実行 {0} 環境 × {1} 時間",
    ),
    (
        "Compute on provisioned environments",
        "プロビジョニングされた環境での実行時間",
    ),
    (
        "Ephemeral storage above 512 MB ({} MB configured)",
        "エフェメラルストレージ 512 MB 超過分（設定 {0} MB）",
    ),
    (
        "NAT gateway for the VPC function ({} gateways)",
        "VPC 内の関数用 NAT ゲートウェイ（{0} 台）",
    ),
    (
        "NAT gateway data processed",
        "NAT ゲートウェイのデータ処理量",
    ),
    // network.rs
    (
        "Data transfer out to the internet",
        "インターネットへのデータ転送（送信）",
    ),
    ("NAT gateways ({})", "NAT ゲートウェイ（{0} 台）"),
    ("ECR image storage", "ECR イメージストレージ"),
    ("EKS clusters ({})", "EKS クラスター（{0} 個）"),
    // rds.rs
    (
        "RDS {} storage {} GB Multi-AZ",
        "RDS {0} ストレージ {1} GB マルチ AZ",
    ),
    (
        "RDS {} storage {} GB Single-AZ",
        "RDS {0} ストレージ {1} GB シングル AZ",
    ),
    ("RDS {} {} Multi-AZ", "RDS {0} {1} マルチ AZ"),
    ("RDS {} {} Single-AZ", "RDS {0} {1} シングル AZ"),
    // waf.rs
    ("AWS WAF web ACL", "AWS WAF ウェブ ACL"),
    ("AWS WAF rules ({})", "AWS WAF ルール（{0} 個）"),
    ("AWS WAF requests inspected", "AWS WAF 検査リクエスト"),
];

/// Commitment terms inside descriptions (`Terms::text`).
const TERMS: [(&str, &str); 3] = [
    ("-year no upfront", " 年・前払いなし"),
    ("-year partial upfront", " 年・一部前払い"),
    ("-year all upfront", " 年・全額前払い"),
];

/// What a description says about its rate after " — " (services/purchase.rs).
const LABELS: &[(&str, &str)] = &[
    (
        "user assumption: {} % off on-demand",
        "（ユーザーの想定: オンデマンドから {0} % 割引）",
    ),
    (
        "split assumed: half up front",
        "（内訳は想定: 半額を前払い）",
    ),
    (
        "upfront derived: effective rate × term hours",
        "（前払い額は実効料率 × 期間の時間数から算出）",
    ),
    (
        "average Spot saving of {}, interruption band {}",
        "（{0} 時点の Spot の平均割引、中断頻度 {1}）",
    ),
    (
        "Spot price of {} (prices float)",
        "（{0} 時点の Spot 料金、料金は変動します）",
    ),
];

/// Review notes (src/notes.rs).
const NOTES: &[(&str, &str)] = &[
    (
        "{} ({} tier) on Spot for {} % of its hours: Spot capacity can be reclaimed with two minutes' notice and is unsuited to a fleet's baseline; keep the baseline on-demand or committed and put only the hours above it on Spot",
        "{0}（{1}層）は稼働時間の {2} % が Spot です: Spot の容量は 2 分前の通知で回収されることがあり、フリートのベースラインには向きません。ベースラインはオンデマンドかコミットメントで賄い、それを超える時間だけを Spot にしてください",
    ),
    (
        "Lambda in a VPC with DynamoDB: add a DynamoDB gateway VPC endpoint (no hourly or data charge) so the function's DynamoDB calls bypass the NAT gateway; only its other outbound calls (nat_kb_per_request) are priced as NAT data",
        "VPC 内の Lambda と DynamoDB: DynamoDB のゲートウェイ VPC エンドポイント（時間料金・データ料金なし）を追加すると、関数からの DynamoDB 呼び出しは NAT ゲートウェイを通りません。NAT のデータ処理量として計上するのはそれ以外の送信（nat_kb_per_request）だけです",
    ),
    (
        "Fargate ({} tier) bills each task per second with a one-minute minimum; this estimate adds and removes whole tasks hour by hour ({} task starts a day), so tasks that start and stop within minutes cost more than shown",
        "Fargate（{0}層）はタスクごとに秒単位で課金され、最低 1 分です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 {1} 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります",
    ),
    (
        "Fargate ({} tier) bills each task per second with a five-minute minimum (Windows); this estimate adds and removes whole tasks hour by hour ({} task starts a day), so tasks that start and stop within minutes cost more than shown",
        "Fargate（{0}層）はタスクごとに秒単位で課金され、最低 5 分（Windows）です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 {1} 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります",
    ),
    (
        "web tier {} x {}: burstable; its CPU-credit baseline ({} % of {} vCPU each = {} vCPU) sustains {} ms of CPU per request at the busiest hour's {} requests/s. Above it the instances spend CPU credits (T3/T4g start in unlimited mode, where surplus credits are billed): check the measured CPU per request",
        "Web層 {1} × {0} 台: バースト可能インスタンスです。CPU クレジットのベースライン（1 台あたり {3} vCPU の {2} %、計 {4} vCPU）で賄えるのは、最も混む時間帯の毎秒 {6} リクエストに対し 1 リクエストあたり {5} ms の CPU です。これを超えると CPU クレジットを消費します（T3/T4g は unlimited モードで起動し、超過分のクレジットは課金されます）。実測の 1 リクエストあたり CPU 時間を確認してください",
    ),
    (
        "web tier {} x {}: burstable; its CPU-credit baseline ({} % of {} vCPU each = {} vCPU) is what the instances may use on average. Above it the instances spend CPU credits (T3/T4g start in unlimited mode, where surplus credits are billed): check the measured CPU per request",
        "Web層 {1} × {0} 台: バースト可能インスタンスです。CPU クレジットのベースライン（1 台あたり {3} vCPU の {2} %、計 {4} vCPU）が平均して使える量です。これを超えると CPU クレジットを消費します（T3/T4g は unlimited モードで起動し、超過分のクレジットは課金されます）。実測の 1 リクエストあたり CPU 時間を確認してください",
    ),
    (
        "db tier on a single EC2 instance ({}) while {} uses RDS Multi-AZ: availability differs (Multi-AZ keeps a synchronous standby in a second Availability Zone and fails over automatically); for a like-for-like price add a standby instance with replication, or compare with RDS Single-AZ",
        "DB層が EC2 インスタンス 1 台（{0}）で、{1} は RDS マルチ AZ です: 可用性が異なります（マルチ AZ は別のアベイラビリティーゾーンに同期スタンバイを置き、自動でフェイルオーバーします）。同じ条件で比べるには、レプリケーションするスタンバイのインスタンスを追加するか、RDS シングル AZ と比較してください",
    ),
    (
        "DynamoDB on-demand: {} per month; provisioned (sized from the peak hour) would be {} for the same load",
        "DynamoDB オンデマンド: 月額 {0}。同じ負荷でプロビジョンド（ピーク時間帯から算定）なら {1}",
    ),
    (
        "DynamoDB provisioned: {} per month; on-demand would be {} for the same load",
        "DynamoDB プロビジョンド: 月額 {0}。同じ負荷でオンデマンドなら {1}",
    ),
];

/// Limit-finding messages (src/limits/*.rs): one template per message the checks build.
const FINDINGS: &[(&str, &str)] = &[
    // alb.rs
    (
        "request body to the Lambda target ({} KB)",
        "Lambda ターゲットへのリクエスト本文（{0} KB）",
    ),
    (
        "response from the Lambda target ({} KB)",
        "Lambda ターゲットからのレスポンス（{0} KB）",
    ),
    // apigw.rs
    (
        "backend time {} s vs the configured integration timeout",
        "バックエンドの処理時間 {0} 秒と設定した統合タイムアウトの比較",
    ),
    (
        "largest WebSocket message ({} KB)",
        "最大の WebSocket メッセージ（{0} KB）",
    ),
    (
        "largest request/response payload ({} MB)",
        "リクエスト/レスポンスの最大ペイロード（{0} MB）",
    ),
    (
        "busiest second ({} requests/s) vs the stage throttle",
        "最も混む 1 秒（毎秒 {0} リクエスト）とステージのスロットリング設定の比較",
    ),
    (
        "largest message ({} KB) is sent as {} frames of at most 32 KB",
        "最大のメッセージ（{0} KB）は 32 KB 以下のフレーム {1} 個に分けて送信されます",
    ),
    (
        "how long a client stays connected ({} s)",
        "クライアントが接続を維持する時間（{0} 秒）",
    ),
    (
        "new connections per second ({} connections / {} s each)",
        "1 秒あたりの新規接続数（{0} 接続 ÷ 1 接続あたり {1} 秒）",
    ),
    // dynamodb.rs
    (
        "read units per second at the busiest second ({})",
        "最も混む 1 秒の読み取りユニット数/秒（{0}）",
    ),
    (
        "write units per second at the busiest second ({})",
        "最も混む 1 秒の書き込みユニット数/秒（{0}）",
    ),
    (
        "read units/s if one partition key took all reads (hot key)",
        "1 つのパーティションキーに読み取りがすべて集中した場合の読み取りユニット数/秒（ホットキー）",
    ),
    (
        "write units/s if one partition key took all writes (hot key)",
        "1 つのパーティションキーに書き込みがすべて集中した場合の書き込みユニット数/秒（ホットキー）",
    ),
    (
        "read units needed at the peak ({}) vs provisioned rcu",
        "ピーク時に必要な読み取りユニット数（{0}）とプロビジョニングした rcu の比較",
    ),
    (
        "write units needed at the peak ({}) vs provisioned wcu",
        "ピーク時に必要な書き込みユニット数（{0}）とプロビジョニングした wcu の比較",
    ),
    // ec2.rs
    (
        "instances needed at {} ({}) vs max; {} requests/s unserved",
        "{0} に必要なインスタンス数（{1}）と max の比較。処理しきれないリクエストは毎秒 {2}",
    ),
    (
        "instances registered as targets at the peak ({})",
        "ピーク時にターゲットとして登録されるインスタンス数（{0}）",
    ),
    (
        "vCPUs busy at the busiest second ({}) vs {} x {} ({} vCPU each); request time assumed to be CPU time",
        "最も混む 1 秒に使用中の vCPU（{0}）と {2} × {1} 台（1 台あたり {3} vCPU）の比較。リクエストの処理時間をすべて CPU 時間とみなしています",
    ),
    (
        "average vCPUs busy in the peak hour ({}) vs the {} baseline ({} % of each vCPU)",
        "ピーク時間帯に使用中の vCPU の平均（{0}）と {1} のベースライン（各 vCPU の {2} %）の比較",
    ),
    // fargate.rs
    (
        "vCPUs busy at the busiest second if each request in flight uses one vCPU ({}) vs {} tasks x {} vCPU",
        "処理中のリクエスト 1 件が vCPU を 1 つ使うとした場合の、最も混む 1 秒に使用中の vCPU（{0}）と {1} タスク × {2} vCPU の比較",
    ),
    (
        "tasks needed at {} ({}) vs max_tasks; {} requests/s unserved",
        "{0} に必要なタスク数（{1}）と max_tasks の比較。処理しきれないリクエストは毎秒 {2}",
    ),
    (
        "tasks registered as targets at the peak ({})",
        "ピーク時にターゲットとして登録されるタスク数（{0}）",
    ),
    (
        "Spot tasks can be stopped with a 120 s warning",
        "Spot タスクは 120 秒前の中断通知で停止されることがあります",
    ),
    // lambda.rs
    (
        "run time ({} s) vs the function's configured timeout",
        "実行時間（{0} 秒）と関数に設定したタイムアウトの比較",
    ),
    ("request payload ({} KB)", "リクエストのペイロード（{0} KB）"),
    ("response payload ({} KB)", "レスポンスのペイロード（{0} KB）"),
    (
        "async event size ({} KB)",
        "非同期呼び出しのイベントサイズ（{0} KB）",
    ),
    (
        "new environments a burst needs above the hour's average ({} -> about {} s to scale)",
        "バーストで時間帯の平均を超えて必要になる新しい実行環境の数（{0}。スケールに約 {1} 秒）",
    ),
    // lambda.timeout_s.max
    (
        "run time per invocation ({} s) vs Lambda's 15-minute maximum",
        "呼び出し 1 回あたりの実行時間（{0} 秒）と Lambda の上限 15 分の比較",
    ),
    // lambda.concurrent_executions
    (
        "concurrent executions at the busiest second ({} at {}: {} requests/s x {} s); provisioned concurrency of {} would keep the peak hour's average warm",
        "最も混む 1 秒の同時実行数（{1} に {0}: 毎秒 {2} リクエスト × {3} 秒）。プロビジョニングされた同時実行 {4} でピーク時間帯の平均を常時待機できます",
    ),
    (
        "concurrent executions at the busiest second ({} at {}: {} requests/s x {} s)",
        "最も混む 1 秒の同時実行数（{1} に {0}: 毎秒 {2} リクエスト × {3} 秒）",
    ),
    // apigw.*.integration_timeout_s*
    (
        "HTTP API integration time per request ({} s)",
        "HTTP API 1 リクエストあたりの統合処理時間（{0} 秒）",
    ),
    (
        "WebSocket API integration time per request ({} s)",
        "WebSocket API 1 リクエストあたりの統合処理時間（{0} 秒）",
    ),
    (
        "edge-optimized REST API integration time per request ({} s)",
        "エッジ最適化 REST API 1 リクエストあたりの統合処理時間（{0} 秒）",
    ),
    (
        "regional REST API integration time per request ({} s)",
        "リージョン REST API 1 リクエストあたりの統合処理時間（{0} 秒）",
    ),
    (
        "private REST API integration time per request ({} s)",
        "プライベート REST API 1 リクエストあたりの統合処理時間（{0} 秒）",
    ),
    // apigw.account.throttle_rps
    (
        "busiest second at {} ({} requests/s) vs the account-level throttle",
        "最も混む 1 秒（{0}、毎秒 {1} リクエスト）とアカウント単位のスロットリング上限の比較",
    ),
    // dynamodb.item_size_kb
    ("average item size ({} KB)", "平均項目サイズ（{0} KB）"),
    // fargate.on_demand_vcpu_quota
    (
        "Fargate vCPUs running at the peak ({} tasks x {} vCPU)",
        "ピーク時に実行中の Fargate vCPU（{0} タスク × {1} vCPU）",
    ),
    (
        "Fargate vCPUs running ({} tasks x {} vCPU)",
        "実行中の Fargate vCPU（{0} タスク × {1} vCPU）",
    ),
    // rds.max_connections
    (
        "connections needed at the peak (one per request in flight: {}) vs the default max_connections of {} ({} GiB, approximate)",
        "ピーク時に必要な接続数（処理中のリクエスト 1 件につき 1 接続: {0}）と {1} の既定の max_connections（{2} GiB、概算）の比較",
    ),
];

/// Why a fleet or table cannot carry the load (src/feasibility.rs), and why an input was not
/// varied (src/sensitivity.rs; the validation message itself stays as written).
const REASONS: &[(&str, &str)] = &[
    (
        "a varied value is not valid: {}",
        "変化させた値が不正です: {0}",
    ),
    (
        "capped at {} tasks, {} requests/s go unserved at the busiest second ({} tasks needed)",
        "上限 {0} タスクのため、最も混む 1 秒に毎秒 {1} リクエストを処理できません（必要 {2} タスク）",
    ),
    (
        "capped at {} instances, {} requests/s go unserved at the busiest second ({} instances needed)",
        "上限 {0} 台のため、最も混む 1 秒に毎秒 {1} リクエストを処理できません（必要 {2} 台）",
    ),
    (
        "{} vCPUs busy at the busiest second on a fixed {} vCPUs ({} tasks)",
        "最も混む 1 秒に {0} vCPU が使用中ですが、固定の {1} vCPU（{2} タスク）しかありません",
    ),
    (
        "{} vCPUs busy at the busiest second on a fixed {} vCPUs ({} instances)",
        "最も混む 1 秒に {0} vCPU が使用中ですが、固定の {1} vCPU（{2} 台）しかありません",
    ),
    (
        "{} RCU provisioned, {} needed at the busiest second",
        "プロビジョンド {0} RCU に対し、最も混む 1 秒に {1} RCU が必要です",
    ),
    (
        "{} WCU provisioned, {} needed at the busiest second",
        "プロビジョンド {0} WCU に対し、最も混む 1 秒に {1} WCU が必要です",
    ),
];

/// Why an architecture is ruled out (capacity, or a hard limit: src/feasibility.rs), as shown
/// in `lang` (unknown text unchanged).
pub fn reason(lang: Lang, reason: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(reason),
        Lang::Ja => match translate(REASONS, reason).or_else(|| hard_reason_ja(reason)) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(reason),
        },
    }
}

/// "<message>: <value> is above the hard limit of <limit> <unit>" in Japanese, when the message
/// has a template (the message may itself hold ": ", so the tail is split off from the right).
fn hard_reason_ja(reason: &str) -> Option<String> {
    let (message, tail) = reason.rsplit_once(": ")?;
    let (value, rest) = tail.split_once(" is above the hard limit of ")?;
    let (limit, unit) = rest.split_once(' ')?;
    let message = translate(FINDINGS, message)?;
    let unit = limit_unit(Lang::Ja, unit);
    Some(format!(
        "{message}: {value} がハード上限 {limit} {unit} を超えています"
    ))
}

/// Units of limit values (limits/limits.csv and the checks' own settings) shown beside the
/// number; others stay English.
fn limit_unit_ja(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "seconds" => "秒",
        "milliseconds" => "ミリ秒",
        "hours" => "時間",
        "days" => "日",
        "months" => "か月",
        "requests" => "リクエスト",
        "requests per second" => "リクエスト/秒",
        "concurrent executions" => "同時実行",
        "execution environments per 10 seconds" => "実行環境/10 秒",
        "execution environments per minute" => "実行環境/分",
        "connections" => "接続",
        "connections per second" => "接続/秒",
        "tasks" => "タスク",
        "tasks per second" => "タスク/秒",
        "tasks per minute" => "タスク/分",
        "instances" => "台",
        "targets" => "ターゲット",
        "target groups" => "ターゲットグループ",
        "load balancers" => "ロードバランサー",
        "listeners" => "リスナー",
        "certificates" => "証明書",
        "rules" => "ルール",
        "rule evaluations per second" => "ルール評価/秒",
        "clusters" => "クラスター",
        "services" => "サービス",
        "containers" => "コンテナ",
        "node groups" => "ノードグループ",
        "nodes" => "ノード",
        "pods" => "Pod",
        "profiles" => "プロファイル",
        "selectors" => "セレクター",
        "layers" => "レイヤー",
        "file descriptors" => "ファイル記述子",
        "threads" => "スレッド",
        "network interfaces" => "ネットワークインターフェイス",
        "retries" => "回（再試行）",
        "items" => "項目",
        "indexes" => "インデックス",
        "tables" => "テーブル",
        "decreases per day" => "回/日（引き下げ）",
        "x previous peak" => "倍（以前のピーク比）",
        "x units" => "倍（ユニット数）",
        "packets per second" => "パケット/秒",
        "percent" => "%",
        "CPU credits per hour" => "CPU クレジット/時間",
        "RCU per second" => "RCU/秒",
        "WCU per second" => "WCU/秒",
        "GB per hour" => "GB/時間",
        "MB per second" => "MB/秒",
        "bytes" => "バイト",
        "RCU" => "RCU",
        "WCU" => "WCU",
        "LCU" => "LCU",
        "Gbps" => "Gbps",
        "GiB" => "GiB",
        "GB" => "GB",
        "MB" => "MB",
        "KB" => "KB",
        "vCPU" => "vCPU",
        _ => return None,
    })
}

/// `limits/remedies-ja.csv` (`id,remedy_ja`): the Japanese of each limits.csv row's `remedy`.
const REMEDIES_JA_CSV: &str = include_str!("../../limits/remedies-ja.csv");

/// Limit id → Japanese remedy, parsed once (a bad row is skipped, never a panic).
pub fn remedies_ja() -> &'static std::collections::HashMap<String, String> {
    static MAP: std::sync::OnceLock<std::collections::HashMap<String, String>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        let mut r = ::csv::Reader::from_reader(REMEDIES_JA_CSV.as_bytes());
        r.records()
            .filter_map(Result::ok)
            .filter_map(|rec| Some((rec.get(0)?.to_string(), rec.get(1)?.to_string())))
            .filter(|(id, ja)| !id.is_empty() && !ja.is_empty())
            .collect()
    })
}

/// Remedies the checks write themselves (findings against the scenario's own settings and
/// formulas, src/limits/*.rs), not read from limits.csv.
const REMEDIES: &[(&str, &str)] = &[
    (
        "Raise timeout_s, or make the backend faster / asynchronous",
        "timeout_s を引き上げるか、バックエンドを高速化または非同期化してください。",
    ),
    (
        "Raise throttle_rps (callers above it get HTTP 429)",
        "throttle_rps を引き上げてください（超えた分の呼び出しには HTTP 429 が返ります）。",
    ),
    (
        "Make sure the client library fragments messages above 32 KB (or keep messages small)",
        "32 KB を超えるメッセージをクライアントライブラリがフレームに分割することを確認してください（またはメッセージを小さく保ってください）。",
    ),
    (
        "Raise rcu, enable auto scaling, or use on-demand capacity",
        "rcu を引き上げるか、Auto Scaling を有効にするか、オンデマンドキャパシティを使用してください。",
    ),
    (
        "Raise wcu, enable auto scaling, or use on-demand capacity",
        "wcu を引き上げるか、Auto Scaling を有効にするか、オンデマンドキャパシティを使用してください。",
    ),
    (
        "Raise max or use a larger instance type",
        "max を引き上げるか、より大きなインスタンスタイプを使用してください。",
    ),
    (
        "Add instances, scale with rps_per_instance, or pick a larger type",
        "インスタンスを追加するか、rps_per_instance で台数を増減させるか、より大きなタイプを選んでください。",
    ),
    (
        "Add tasks or scale with rps_per_task; the request time is assumed to be CPU time (an upper bound)",
        "タスクを追加するか、rps_per_task でタスク数を増減させてください。リクエストの処理時間をすべて CPU 時間とみなしています（上限の見積もり）。",
    ),
    (
        "Raise max_tasks or rps_per_task; unserved requests queue or fail",
        "max_tasks または rps_per_task を引き上げてください。処理できないリクエストは待たされるか失敗します。",
    ),
    (
        "Raise timeout_s (at most 900 s) or shorten the work",
        "timeout_s を引き上げる（最大 900 秒）か、処理時間を短くしてください。",
    ),
    (
        "Put RDS Proxy (or a connection pool) between the app tier and the database, or use a larger instance class",
        "アプリ層とデータベースの間に RDS Proxy（または接続プール）を置くか、より大きなインスタンスクラスを使用してください。",
    ),
];

/// A finding's remedy as shown in `lang`: the limits.csv row's Japanese (limits/remedies-ja.csv)
/// when the finding carries that row's remedy, else the checks' own remedies; unknown text stays
/// English.
pub fn remedy<'a>(lang: Lang, id: &str, english: &'a str) -> Cow<'a, str> {
    if lang == Lang::En || english.is_empty() {
        return Cow::Borrowed(english);
    }
    let ja = remedies_ja();
    let from_row = crate::limits::row(id)
        .filter(|r| r.remedy == english)
        .and_then(|r| ja.get(&r.id));
    // A check may reuse another row's remedy (e.g. T3a/T4g read the T3 rows).
    let from_text = || {
        crate::limits::table()
            .rows
            .values()
            .find(|r| r.remedy == english)
            .and_then(|r| ja.get(&r.id))
    };
    match from_row.or_else(from_text) {
        Some(t) => Cow::Owned(t.clone()),
        None => match translate(REMEDIES, english) {
            Some(t) => Cow::Owned(t),
            None => Cow::Borrowed(english),
        },
    }
}

/// Notes in the `source` column of the limits files (see limits/README.md), longest first.
const SOURCE_NOTES: &[(&str, &str)] = &[
    (
        "(June 2023 text, awsdocs GitHub; not in reference, read from awsdocs/amazon-rds-user-guide doc_source/Concepts.DBInstanceClass.md)",
        "（2023 年 6 月時点の本文、awsdocs GitHub。参照資料にはなく、awsdocs/amazon-rds-user-guide の doc_source/Concepts.DBInstanceClass.md で確認）",
    ),
    (
        "(June 2023 text, awsdocs GitHub)",
        "（2023 年 6 月時点の本文、awsdocs GitHub）",
    ),
    (
        "(awsdocs GitHub archive; not in reference)",
        "（awsdocs GitHub のアーカイブ。参照資料にはなし）",
    ),
    (
        "(archived text via awsdocs GitHub)",
        "（awsdocs GitHub にアーカイブされた本文）",
    ),
    (
        "(awsdocs GitHub, Dec 2024)",
        "（awsdocs GitHub、2024 年 12 月）",
    ),
    (
        "(docs search; not in reference)",
        "（ドキュメント検索で確認。参照資料にはなし）",
    ),
    (
        "(AWS blog; page text not read)",
        "（AWS ブログ。本文は未確認）",
    ),
    ("(AWS Knowledge Center)", "（AWS ナレッジセンター）"),
    (
        "(ja-JP/zh-CN page text)",
        "（ja-JP/zh-CN ページの本文）",
    ),
    ("(zh-CN page text)", "（zh-CN ページの本文）"),
    (
        "(China-partition copy)",
        "（中国リージョンのページの転載）",
    ),
    ("(2023 text)", "（2023 年時点の本文）"),
    ("(copy/3P)", "（転載/第三者の情報）"),
    ("(copy)", "（転載）"),
    ("(3P)", "（第三者の情報のみ）"),
];

/// A finding's source as shown in `lang`: URLs and keys unchanged, the words around them and
/// the notes on where the text came from in Japanese.
pub fn source(lang: Lang, source: &str) -> Cow<'_, str> {
    if lang == Lang::En {
        return Cow::Borrowed(source);
    }
    let mut out = translate(
        &[
            (
                "your applied quota ([quotas] \"{}\"); default {} per {}",
                "適用済みのクォータ（[quotas] \"{0}\"）。既定値 {1}、出典 {2}",
            ),
            ("your scenario: {}", "シナリオの設定: {0}"),
        ],
        source,
    )
    .unwrap_or_else(|| source.to_string());
    for (en, ja) in [("; memory: ", "; メモリ: "), ("; vCPUs: ", "; vCPU: ")] {
        out = out.replace(en, ja);
    }
    for (en, ja) in SOURCE_NOTES {
        // "URL (copy)" → "URL（転載）": the full-width parenthesis takes the space's place.
        out = out.replace(&format!(" {en}"), ja).replace(en, ja);
    }
    if out == source {
        Cow::Borrowed(source)
    } else {
        Cow::Owned(out)
    }
}

/// A limit finding's message as shown in `lang` (messages without a template stay English).
pub fn finding_message(lang: Lang, message: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(message),
        Lang::Ja => match translate(FINDINGS, message) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(message),
        },
    }
}

/// The unit of a limit value as shown in `lang`.
pub fn limit_unit(lang: Lang, unit: &str) -> Cow<'_, str> {
    match (lang, limit_unit_ja(unit)) {
        (Lang::Ja, Some(ja)) => Cow::Borrowed(ja),
        _ => Cow::Borrowed(unit),
    }
}

/// A catalog unit (column `unit` of the price files) in Japanese; unknown units unchanged.
pub fn unit_ja(unit: &str) -> Option<&'static str> {
    Some(match unit {
        "GB" => "GB",
        "GB-hour" => "GB-時間",
        "GB-month" => "GB-月",
        "GB-second" => "GB-秒",
        "I/O request" => "I/O リクエスト",
        "IOPS-month" => "IOPS-月",
        "LCU-hour" => "LCU-時間",
        "RCU" => "RCU",
        "WCU" => "WCU",
        "RCU-hour" => "RCU-時間",
        "WCU-hour" => "WCU-時間",
        "connection-minute" => "接続分",
        "endpoint-AZ-hour" => "エンドポイント AZ-時間",
        "hour" => "時間",
        "instance-hour" => "インスタンス-時間",
        "instance-month" => "インスタンス-月",
        "plan-month" => "プラン-月",
        "RCU-month" => "RCU-月",
        "WCU-month" => "WCU-月",
        "message" => "メッセージ",
        "month" => "月",
        "read request unit" => "読み取りリクエストユニット",
        "write request unit" => "書き込みリクエストユニット",
        "request" => "リクエスト",
        "vCPU-hour" => "vCPU-時間",
        _ => return None,
    })
}

/// A unit as shown in `lang` (English: unchanged).
pub fn unit(lang: Lang, unit: &str) -> Cow<'_, str> {
    match (lang, unit_ja(unit)) {
        (Lang::Ja, Some(ja)) => Cow::Borrowed(ja),
        _ => Cow::Borrowed(unit),
    }
}

/// A line's description as shown in `lang` (English: the engine's text, byte for byte).
pub fn description(lang: Lang, line: &Line) -> Cow<'_, str> {
    description_text(lang, &line.description)
}

/// A description text as shown in `lang` (for lines known only by their text, as in a diff).
pub fn description_text(lang: Lang, english: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(english),
        Lang::Ja => match description_ja(english) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(english),
        },
    }
}

/// A review note as shown in `lang` (unknown notes unchanged).
pub fn note(lang: Lang, note: &str) -> Cow<'_, str> {
    match lang {
        Lang::En => Cow::Borrowed(note),
        Lang::Ja => match translate(NOTES, note) {
            Some(ja) => Cow::Owned(ja),
            None => Cow::Borrowed(note),
        },
    }
}

/// The Japanese description, or None when the base or the tier suffix is not recognised.
pub fn description_ja(english: &str) -> Option<String> {
    // A commitment's term ("1-year partial upfront") is a value inside a template: put it in
    // Japanese first, so the templates carry it over already translated.
    let mut english = english.to_string();
    for (en, ja) in TERMS {
        english = english.replace(en, ja);
    }
    let mut parts = english.split(" — ");
    let main = parts.next().unwrap_or_default();
    let mut out = description_base_ja(main)?;
    for label in parts {
        out.push_str(&translate(LABELS, label)?);
    }
    Some(out)
}

/// A description without its " — " labels.
fn description_base_ja(english: &str) -> Option<String> {
    let (base, suffix) = split_tier(english);
    let base_ja = translate(TEMPLATES, base)?;
    match suffix {
        None => Some(base_ja),
        Some(s) => Some(format!("{base_ja}{}", tier_ja(s)?)),
    }
}

/// Split " (first 300M request)"-style suffixes off: (base, inner text of the suffix).
fn split_tier(english: &str) -> (&str, Option<&str>) {
    let Some(body) = english.strip_suffix(')') else {
        return (english, None);
    };
    let Some(open) = body.rfind(" (") else {
        return (english, None);
    };
    let (base, inner) = (&body[..open], &body[open + 2..]);
    let tiered = ["first ", "next ", "over ", "free tier, "]
        .iter()
        .any(|k| inner.starts_with(k));
    if tiered {
        (base, Some(inner))
    } else {
        (english, None)
    }
}

/// "300M" → "3億", "7.5B" → "75億", "10,240" → "10,240": 万/億 number words for Japanese.
fn ja_amount(n: &str) -> String {
    use rust_decimal::Decimal;
    use std::str::FromStr;
    let (digits, scale) = match n.chars().last() {
        Some('M') => (&n[..n.len() - 1], Decimal::from(1_000_000)),
        Some('B') => (&n[..n.len() - 1], Decimal::from(1_000_000_000)),
        _ => return n.to_string(),
    };
    match Decimal::from_str(&digits.replace(',', "")) {
        Ok(v) => crate::lang::ja_count(v * scale),
        Err(_) => n.to_string(),
    }
}

/// "first 7.5B GB-second" → "（最初の 75億 GB-秒）"; None for anything else.
fn tier_ja(inner: &str) -> Option<String> {
    let amount = |rest: &str| -> Option<String> {
        let (n, u) = rest.split_once(' ')?;
        if n.is_empty() || !n.chars().all(|c| c.is_ascii_digit() || ",.MB".contains(c)) {
            return None;
        }
        Some(format!("{} {}", ja_amount(n), unit_ja(u)?))
    };
    if let Some(rest) = inner.strip_prefix("first ") {
        Some(format!("（最初の {}）", amount(rest)?))
    } else if let Some(rest) = inner.strip_prefix("next ") {
        Some(format!("（次の {}）", amount(rest)?))
    } else if let Some(rest) = inner.strip_prefix("over ") {
        Some(format!("（{} 超）", amount(rest)?))
    } else if let Some(rest) = inner.strip_prefix("free tier, ") {
        Some(format!("（無料枠 {}）", amount(rest)?))
    } else {
        None
    }
}

/// The first template of `table` that matches `text`, filled with the values it captured.
fn translate(table: &[(&str, &str)], text: &str) -> Option<String> {
    table.iter().find_map(|(en, ja)| {
        let mut values = Vec::new();
        capture(en, text, &mut values).then(|| fill(ja, &values))
    })
}

/// Match `text` against `pattern` (`{}` = one non-empty value), collecting the values.
fn capture<'a>(pattern: &str, text: &'a str, values: &mut Vec<&'a str>) -> bool {
    let Some(at) = pattern.find("{}") else {
        return pattern == text;
    };
    let (lit, rest) = (&pattern[..at], &pattern[at + 2..]);
    let Some(text) = text.strip_prefix(lit) else {
        return false;
    };
    if text.is_empty() {
        return false;
    }
    // Try every split of the value (shortest first): backtracking over a handful of characters.
    for (end, _) in text.char_indices().skip(1).chain([(text.len(), ' ')]) {
        let mark = values.len();
        values.push(&text[..end]);
        if capture(rest, &text[end..], values) {
            return true;
        }
        values.truncate(mark);
    }
    false
}

/// Put `values` into the `{0}`, `{1}`… slots of `template` (a missing value leaves the slot text).
fn fill(template: &str, values: &[&str]) -> String {
    let mut out = template.to_string();
    for (i, v) in values.iter().enumerate() {
        out = out.replace(&format!("{{{i}}}"), v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hand_checked_examples() {
        assert_eq!(
            description_ja("Lambda compute, 1024 MB arm64 (first 7.5B GB-second)").as_deref(),
            Some("Lambda 実行時間 1024 MB arm64（最初の 75億 GB-秒）")
        );
        assert_eq!(
            description_ja("HTTP API requests (512 KB metering) (first 300M request)").as_deref(),
            Some("HTTP API リクエスト（512 KB 単位で計量）（最初の 3億 リクエスト）")
        );
        assert_eq!(
            description_ja("Data transfer out to the internet (next 40,960 GB)").as_deref(),
            Some("インターネットへのデータ転送（送信）（次の 40,960 GB）")
        );
        assert_eq!(
            description_ja("Lambda requests (free tier, 1M request)").as_deref(),
            Some("Lambda リクエスト（無料枠 100万 リクエスト）")
        );
        assert_eq!(
            description_ja("REST API requests (over 20B request)").as_deref(),
            Some("REST API リクエスト（200億 リクエスト 超）")
        );
        assert_eq!(
            description_ja("EC2 2 x t4g.small, Linux on-demand").as_deref(),
            Some("EC2 t4g.small × 2 台、Linux オンデマンド")
        );
        assert_eq!(
            description_ja("RDS postgres db.t4g.micro Multi-AZ").as_deref(),
            Some("RDS postgres db.t4g.micro マルチ AZ")
        );
        assert_eq!(
            description_ja("Fargate vCPU (0.5 vCPU / 1 GB, linux/x86)").as_deref(),
            Some("Fargate vCPU（0.5 vCPU / 1 GB、linux/x86）")
        );
    }

    #[test]
    fn unknown_text_falls_back_to_none() {
        for s in [
            "",
            ")",
            " (",
            "Something new",
            "Lambda requests (first)",
            "Lambda requests (first 1M parsecs)",
            "Lambda requests (later 1M request)",
            "Lambda compute, ",
            "Lambda requests (free tier, x request)",
            "日本語 (first 1 request)",
        ] {
            assert_eq!(description_ja(s), None, "{s}");
        }
    }

    #[test]
    fn english_is_untouched() {
        assert_eq!(unit(Lang::En, "GB-second"), "GB-second");
        assert_eq!(unit(Lang::Ja, "GB-second"), "GB-秒");
        assert_eq!(unit(Lang::Ja, "furlong"), "furlong");
        assert_eq!(note(Lang::En, "anything"), "anything");
    }

    #[test]
    fn findings() {
        assert_eq!(
            finding_message(
                Lang::Ja,
                "run time per invocation (0.12 s) vs Lambda's 15-minute maximum"
            ),
            "呼び出し 1 回あたりの実行時間（0.12 秒）と Lambda の上限 15 分の比較"
        );
        assert_eq!(
            finding_message(Lang::Ja, "concurrent executions at the busiest second (1 at 19:00: 4.724 requests/s x 0.12 s); provisioned concurrency of 1 would keep the peak hour's average warm"),
            "最も混む 1 秒の同時実行数（19:00 に 1: 毎秒 4.724 リクエスト × 0.12 秒）。プロビジョニングされた同時実行 1 でピーク時間帯の平均を常時待機できます"
        );
        assert_eq!(finding_message(Lang::Ja, "something new"), "something new");
        assert_eq!(
            finding_message(Lang::En, "average item size (1 KB)"),
            "average item size (1 KB)"
        );
        assert_eq!(limit_unit(Lang::Ja, "requests per second"), "リクエスト/秒");
        assert_eq!(limit_unit(Lang::En, "seconds"), "seconds");
    }

    #[test]
    fn capacity_reasons() {
        assert_eq!(
            reason(Lang::Ja, "capped at 20 tasks, 1,264.236 requests/s go unserved at the busiest second (46 tasks needed)"),
            "上限 20 タスクのため、最も混む 1 秒に毎秒 1,264.236 リクエストを処理できません（必要 46 タスク）"
        );
        assert_eq!(
            reason(
                Lang::Ja,
                "271.708 vCPUs busy at the busiest second on a fixed 4 vCPUs (2 instances)"
            ),
            "最も混む 1 秒に 271.708 vCPU が使用中ですが、固定の 4 vCPU（2 台）しかありません"
        );
        assert_eq!(reason(Lang::En, "anything"), "anything");
    }

    #[test]
    fn notes() {
        for (en, ja) in [
            ("Fargate (app tier) bills each task per second with a one-minute minimum; this estimate adds and removes whole tasks hour by hour (14 task starts a day), so tasks that start and stop within minutes cost more than shown",
             "Fargate（app層）はタスクごとに秒単位で課金され、最低 1 分です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 14 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります"),
            ("Fargate (app tier) bills each task per second with a five-minute minimum (Windows); this estimate adds and removes whole tasks hour by hour (3 task starts a day), so tasks that start and stop within minutes cost more than shown",
             "Fargate（app層）はタスクごとに秒単位で課金され、最低 5 分（Windows）です。この見積もりは 1 時間ごとにタスク単位で増減させています（1 日 3 回のタスク起動）。数分で起動と停止を繰り返すタスクは表示より高くなります"),
        ] {
            assert_eq!(note(Lang::Ja, en), ja);
        }
        assert_eq!(
            note(Lang::Ja, "DynamoDB on-demand: $1.00 per month; provisioned (sized from the peak hour) would be $2.00 for the same load"),
            "DynamoDB オンデマンド: 月額 $1.00。同じ負荷でプロビジョンド（ピーク時間帯から算定）なら $2.00"
        );
    }
}
