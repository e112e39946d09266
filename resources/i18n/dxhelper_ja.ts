<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>App</name>
    <message>
        <source>A session is running. End it on the Session screen first, then switch the records.</source>
        <translation>セッションが進行中です。先にセッション画面で終了してから、記録を切り替えてください。</translation>
    </message>
    <message>
        <source>Making the practice data…</source>
        <translation>練習用データを作っています…</translation>
    </message>
    <message>
        <source>dxhelper is already open on this computer. Look for its window on the taskbar.</source>
        <translation>dxhelper はこのパソコンですでに開いています。タスクバーでウィンドウを探してください。</translation>
    </message>
    <message>
        <source> (read-only)</source>
        <translation>（読み取り専用）</translation>
    </message>
    <message>
        <source>The records were damaged when dxhelper last stopped, and there is no backup. The damaged file is kept as {file}. dxhelper starts with empty records.</source>
        <translation>前回 dxhelper が止まったときに記録が壊れました。バックアップはありません。壊れたファイルは {file} として残してあります。空の記録で始めます。</translation>
    </message>
    <message>
        <source>The records were damaged when dxhelper last stopped. The damaged file is kept as {file}.

Restore the newest good backup, from {when}?</source>
        <translation>前回 dxhelper が止まったときに記録が壊れました。壊れたファイルは {file} として残してあります。

{when} の、正常な最新のバックアップから戻しますか？</translation>
    </message>
</context>
<context>
    <name>AttendeePanel</name>
    <message>
        <source>Who came</source>
        <translation>参加者</translation>
    </message>
    <message>
        <source>Name or reading, then Enter</source>
        <translation>名前かよみがなを入れて Enter</translation>
    </message>
    <message>
        <source>Find a resident</source>
        <translation>住民をさがす</translation>
    </message>
    <message>
        <source>Signed up: click or press Space as each arrives</source>
        <translation>予約した方：来たらクリックかスペースキー</translation>
    </message>
    <message>
        <source>{arrived} of {booked} here</source>
        <translation>{booked}人中{arrived}人来場</translation>
    </message>
    <message>
        <source>Matching residents</source>
        <translation>見つかった住民</translation>
    </message>
    <message>
        <source>New resident…</source>
        <translation>新しい住民…</translation>
    </message>
    <message>
        <source>Last time&apos;s people…</source>
        <translation>前回の参加者…</translation>
    </message>
    <message>
        <source>Who came to the last sessions of this kind here: tick and add them</source>
        <translation>この会場の前回まで（同じ種類）の参加者から、チェックしてまとめて追加します</translation>
    </message>
    <message>
        <source>Residents here today</source>
        <translation>今日の参加者</translation>
    </message>
    <message>
        <source>Remove from today</source>
        <translation>今日の参加者から外す</translation>
    </message>
    <message>
        <source>Undo removal</source>
        <translation>外したのを戻す</translation>
    </message>
    <message>
        <source>Put the person just removed back on today&apos;s list (Ctrl+Z)</source>
        <translation>いま外した方を今日の参加者に戻します（Ctrl+Z）</translation>
    </message>
    <message>
        <source>Also came (not by name)</source>
        <translation>名前を記録しない参加者</translation>
    </message>
    <message>
        <source>Unnamed attendees:</source>
        <translation>名前を記録しない参加者:</translation>
    </message>
    <message>
        <source>Everyone who matches is already on today&apos;s list.</source>
        <translation>当てはまる方は、みなさんもう出席に入っています</translation>
    </message>
    <message numerus="yes">
        <source>More than %n people match: type more, or choose with ↑↓ and Enter</source>
        <translation>
            <numerusform>当てはまる方が%n人を超えています。続けて入れるか、↑↓で選んでEnter</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n people match: type the row&apos;s number, or choose with ↑↓, then Enter</source>
        <translation>
            <numerusform>%n人が当てはまります。番号を押すか、↑↓で選んでEnter</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is already on today&apos;s list.</source>
        <translation>{name}さんはもう出席に入っています</translation>
    </message>
    <message>
        <source>{name} is on today&apos;s list.</source>
        <translation>{name}さんを出席に入れました</translation>
    </message>
    <message numerus="yes">
        <source>%n added to today&apos;s list.</source>
        <translation>
            <numerusform>%n人を出席に入れました</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} was removed. “Undo removal” puts them back.</source>
        <translation>{name}さんを外しました。「外したのを戻す」で元に戻せます。</translation>
    </message>
    <message>
        <source>No one came by name to the last sessions of this kind here.</source>
        <translation>この会場の前回まで（同じ種類）に、名前を記録した参加者はいません。</translation>
    </message>
    <message>
        <source>No one found. Press “New resident…” to add them (with consent).</source>
        <translation>見つかりません。「新しい住民…」から追加できます（ご本人の同意が必要です）。</translation>
    </message>
</context>
<context>
    <name>AudienceView</name>
    <message>
        <source>Presentation</source>
        <translation>発表</translation>
    </message>
    <message>
        <source>Lesson title</source>
        <translation>講座名</translation>
    </message>
    <message>
        <source>Step number</source>
        <translation>手順の番号</translation>
    </message>
    <message>
        <source>Step title</source>
        <translation>手順の見出し</translation>
    </message>
    <message>
        <source>Step text</source>
        <translation>手順の説明</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>手順</translation>
    </message>
    <message>
        <source>QR code</source>
        <translation>QRコード</translation>
    </message>
    <message>
        <source>What the QR code opens</source>
        <translation>QRコードで開くページ</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>ウェブアドレス</translation>
    </message>
    <message>
        <source>{n} / {total}</source>
        <translation>{n} / {total}</translation>
    </message>
    <message>
        <source>Step {n} of {total}</source>
        <translation>手順 {n} / {total}</translation>
    </message>
    <message>
        <source>Scan it to open {url}</source>
        <translation>読み取ると {url} が開きます</translation>
    </message>
</context>
<context>
    <name>BackupsPanel</name>
    <message>
        <source>Backups</source>
        <translation>バックアップ</translation>
    </message>
    <message>
        <source>dxhelper backs up your records by itself when it starts (once a day), when it closes and before any import or restore, and checks every copy. Older copies are thinned out: the last 10, then one a day, a week and a month.</source>
        <translation>dxhelper は、起動したとき（1日1回）、終了するとき、取り込みや復元の前に、自動で記録をバックアップし、毎回その中身を確かめます。古いものは間引きます（最新10個、その前は1日・1週・1か月ごとに1つ）。</translation>
    </message>
    <message>
        <source>Backups, newest first</source>
        <translation>バックアップ（新しい順）</translation>
    </message>
    <message>
        <source>Back up now</source>
        <translation>今すぐバックアップ</translation>
    </message>
    <message>
        <source>Restore selected…</source>
        <translation>選んだバックアップから戻す…</translation>
    </message>
    <message>
        <source>Save a copy to…</source>
        <translation>コピーを保存…</translation>
    </message>
    <message>
        <source>Check database</source>
        <translation>データベースを点検</translation>
    </message>
    <message>
        <source>{when}  ·  {size} KB  ·  {people} residents, {sessions} sessions</source>
        <translation>{when}  ・  {size} KB  ・  住民 {people} 人、セッション {sessions} 回</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>バックアップ中…</translation>
    </message>
    <message>
        <source>Backed up and checked: {name}</source>
        <translation>バックアップして確認しました: {name}</translation>
    </message>
    <message>
        <source>Choose a backup in the list first.</source>
        <translation>先に一覧からバックアップを選んでください。</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>バックアップから戻す</translation>
    </message>
    <message>
        <source>Go back to the records as they were in this backup?
{backup}

Your records as they are now are backed up first, so this can be undone.</source>
        <translation>このバックアップの時点の記録に戻しますか？
{backup}

いまの記録は先にバックアップするので、あとで元に戻せます。</translation>
    </message>
    <message>
        <source>Save a copy of your records</source>
        <translation>記録のコピーを保存</translation>
    </message>
    <message>
        <source>dxhelper database (*.sqlite3)</source>
        <translation>dxhelper のデータベース (*.sqlite3)</translation>
    </message>
    <message>
        <source>Saved and checked: {path}</source>
        <translation>保存して確認しました: {path}</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>データベースを点検中…</translation>
    </message>
    <message>
        <source>The database is healthy.</source>
        <translation>データベースに問題はありません。</translation>
    </message>
</context>
<context>
    <name>DiscardSessionDialog</name>
    <message>
        <source>Discard this session</source>
        <translation>セッションの削除</translation>
    </message>
    <message>
        <source>Discard this session?</source>
        <translation>このセッションを削除しますか？</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>Only for a session started by mistake. It disappears from the counts, the reports and the lists, on this laptop and on every device that imports it. This cannot be undone.</source>
        <translation>間違えて始めたセッションのためのものです。削除すると、件数・集計・一覧から消えます。このパソコンでも、記録を取り込んだほかの端末でも同じです。元には戻せません。</translation>
    </message>
    <message>
        <source>The residents stay on record, and the steps they completed stay in their progress.</source>
        <translation>住民の記録と、できた手順の記録はそのまま残ります。</translation>
    </message>
    <message>
        <source>To discard it, type the word “discard” below.</source>
        <translation>削除するには、下の欄に「削除」（さくじょ）と入力してください。</translation>
    </message>
    <message>
        <source>Type “discard” to confirm</source>
        <translation>確認のため「削除」と入力</translation>
    </message>
    <message>
        <source>Keep the session</source>
        <translation>削除しない</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>削除する</translation>
    </message>
    <message>
        <source>Type “discard” to discard it, or keep the session.</source>
        <translation>削除するときは「削除」と入力してください。削除しないときは「削除しない」を押してください。</translation>
    </message>
</context>
<context>
    <name>EditResidentDialog</name>
    <message>
        <source>Edit resident</source>
        <translation>住民の情報を編集</translation>
    </message>
    <message>
        <source>Edit {name}</source>
        <translation>{name} さんを編集</translation>
    </message>
    <message>
        <source>Never write a My Number, a PIN or a password in the note.</source>
        <translation>メモにマイナンバー・暗証番号・パスワードは書かないでください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>保存</translation>
    </message>
    <message>
        <source>A phone number is kept only when the resident agrees to it: tick the box.</source>
        <translation>電話番号は本人が同意したときだけ記録します。同意のチェックを入れてください。</translation>
    </message>
</context>
<context>
    <name>EraseResidentDialog</name>
    <message>
        <source>Erase resident</source>
        <translation>住民の記録を消去</translation>
    </message>
    <message>
        <source>Erase this resident for good?</source>
        <translation>この方の記録を完全に消去しますか？</translation>
    </message>
    <message>
        <source>Erasing removes this person&apos;s name, their attendance at sessions and their progress in lessons for good. It cannot be undone.</source>
        <translation>消去すると、この方の名前、参加記録、講座の進み具合がすべて完全に消えます。元に戻すことはできません。</translation>
    </message>
    <message>
        <source>The sessions themselves are kept, without this person.</source>
        <translation>セッションの記録そのものは、この方を除いて残ります。</translation>
    </message>
    <message>
        <source>Type the name to confirm</source>
        <translation>確認のため名前を入力</translation>
    </message>
    <message>
        <source>To confirm, &amp;type the name exactly as shown:</source>
        <translation>確認のため、表示どおりに名前を入力してください(&amp;T):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Erase for good</source>
        <translation>完全に消去する</translation>
    </message>
    <message>
        <source>Erased from the records. Another program is reading the database file, so the last traces will be wiped from it the next time dxhelper starts.</source>
        <translation>記録から消去しました。別のプログラムがデータベースのファイルを読んでいるため、ファイルに残った部分は次に dxhelper を起動したときに消去します。</translation>
    </message>
    <message>
        <source>Erasing from the backups…</source>
        <translation>バックアップからも消去中…</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>Let&apos;s get ready</source>
        <translation>はじめの準備</translation>
    </message>
    <message>
        <source>These appear on handouts and reports. You can change them later in Settings.</source>
        <translation>配布資料や報告に使います。あとで「設定」から変えられます。</translation>
    </message>
    <message>
        <source>Your name (volunteer)</source>
        <translation>お名前（推進委員）</translation>
    </message>
    <message>
        <source>Municipality</source>
        <translation>自治体</translation>
    </message>
    <message>
        <source>Usual venue</source>
        <translation>いつもの会場</translation>
    </message>
    <message>
        <source>e.g. Chuo Community Centre</source>
        <translation>例: 中央公民館</translation>
    </message>
    <message>
        <source>Try it first with practice data (made-up residents)</source>
        <translation>まず練習用データ（架空の住民）で試す</translation>
    </message>
    <message>
        <source>Practice data is kept apart from the real records. Your name and municipality go into the real records either way; switch in Settings → Records when you are ready.</source>
        <translation>練習用データは実際の記録とは別に保存されます。お名前と市区町村は、どちらを選んでも実際の記録に入ります。準備ができたら 設定 → 記録 で切り替えてください。</translation>
    </message>
    <message>
        <source>A database is already here; it is kept as it is.</source>
        <translation>データベースがすでにあります。そのまま使います。</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Please enter your name.</source>
        <translation>お名前を入力してください。</translation>
    </message>
</context>
<context>
    <name>FollowUpScreen</name>
    <message>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <source>Print the call list…</source>
        <translation>電話リストを印刷…</translation>
    </message>
    <message>
        <source>Residents whose procedure is not done yet, by reason and lesson, and those who missed their last sign-ups. Invite them to a planned session.</source>
        <translation>手続きがまだ終わっていない方（理由と講座ごと）と、申し込んだ回を続けて欠席した方です。予定している回に招待できます。</translation>
    </message>
    <message>
        <source>No one to follow up at the moment.</source>
        <translation>いま、フォローが必要な方はいません。</translation>
    </message>
    <message>
        <source>Missed their last sign-ups</source>
        <translation>申し込んだ回を続けて欠席</translation>
    </message>
    <message numerus="yes">
        <source>missed %n in a row</source>
        <translation>
            <numerusform>%n回続けて欠席</numerusform>
        </translation>
    </message>
    <message>
        <source>Invite to…</source>
        <translation>招待…</translation>
    </message>
    <message>
        <source>Invite {name} to a planned session</source>
        <translation>{name}さんを予定の回に招待</translation>
    </message>
    <message>
        <source>Nothing planned yet: plan a session on Today</source>
        <translation>予定がありません。「今日」の画面で予定を立ててください</translation>
    </message>
    <message numerus="yes">
        <source>%n places free</source>
        <translation>
            <numerusform>空き%n人</numerusform>
        </translation>
    </message>
    <message>
        <source>full: waiting list</source>
        <translation>満席：キャンセル待ち</translation>
    </message>
    <message>
        <source>{name} is on the waiting list for {when} (number {n}).</source>
        <translation>{name}さんを{when}のキャンセル待ち（{n}番）にしました。</translation>
    </message>
    <message>
        <source>{name} is booked for {when}.</source>
        <translation>{name}さんを{when}に予約しました。</translation>
    </message>
    <message numerus="yes">
        <source>Missed %n sign-ups in a row</source>
        <translation>
            <numerusform>申し込んだ回を%n回続けて欠席</numerusform>
        </translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>電話リスト</translation>
    </message>
</context>
<context>
    <name>HandoverChecklist</name>
    <message>
        <source>End the session</source>
        <translation>セッションの終了</translation>
    </message>
    <message>
        <source>Before everyone leaves</source>
        <translation>お帰りになる前に</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>Ended at</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>Set the end time from the paper record.</source>
        <translation>紙の記録を見て終了時刻を入れてください。</translation>
    </message>
    <message>
        <source>Tick each item, or say why it does not apply (e.g. no card today).</source>
        <translation>各項目に✓を付けてください。当てはまらないときは理由を書いてください（例: 今日はカードなし）。</translation>
    </message>
    <message>
        <source>…or the reason it was skipped</source>
        <translation>…または確認しなかった理由</translation>
    </message>
    <message>
        <source>Reason for skipping:</source>
        <translation>確認しなかった理由:</translation>
    </message>
    <message>
        <source>Back to the session</source>
        <translation>セッションに戻る</translation>
    </message>
    <message>
        <source>End session</source>
        <translation>セッションを終了</translation>
    </message>
    <message>
        <source>The end time is before the start ({start}).</source>
        <translation>終了時刻が開始時刻（{start}）より前になっています。</translation>
    </message>
    <message>
        <source>Tick each item or give a reason.</source>
        <translation>各項目に✓を付けるか、理由を書いてください。</translation>
    </message>
</context>
<context>
    <name>HitList</name>
    <message>
        <source>(already here)</source>
        <translation>（出席済み）</translation>
    </message>
    <message>
        <source>today, {venue}</source>
        <translation>今日 {venue}</translation>
    </message>
    <message>
        <source>last {date}, {venue}</source>
        <translation>前回 {date} {venue}</translation>
    </message>
    <message>
        <source>not come yet</source>
        <translation>まだ参加なし</translation>
    </message>
</context>
<context>
    <name>ImportPreview</name>
    <message>
        <source>Import records</source>
        <translation>記録の取り込み</translation>
    </message>
    <message>
        <source>These files are ready to import</source>
        <translation>取り込めるファイル</translation>
    </message>
    <message>
        <source>Files to import</source>
        <translation>取り込むファイル</translation>
    </message>
    <message>
        <source>New devices</source>
        <translation>初めての端末</translation>
    </message>
    <message>
        <source>These files come from devices not seen before. Ask each volunteer (by phone or in person) to read you their device&apos;s fingerprint from Settings, Keys; import only if it is the same.</source>
        <translation>初めて受け取る端末からのファイルです。推進委員ひとりひとりに、設定の「鍵」にある端末の指紋を（電話か対面で）読み上げてもらい、同じときだけ取り込んでください。</translation>
    </message>
    <message>
        <source>New devices and their fingerprints</source>
        <translation>初めての端末とその指紋</translation>
    </message>
    <message>
        <source>{name}
Fingerprint: {fingerprint}</source>
        <translation>{name}
指紋: {fingerprint}</translation>
    </message>
    <message>
        <source>A backup of your records is taken first. Import now?</source>
        <translation>取り込む前に、いまの記録のバックアップを取ります。取り込みますか？</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>取り込む</translation>
    </message>
    <message>
        <source>Trust and import</source>
        <translation>信頼して取り込む</translation>
    </message>
</context>
<context>
    <name>KeysPanel</name>
    <message>
        <source>Keys</source>
        <translation>鍵</translation>
    </message>
    <message>
        <source>Records sent to a coordinator are locked so that only the coordinator can open them, and signed by this device so that a changed file is refused. The coordinator makes a key and hands its key file to the volunteers; it holds no secret and may go by USB stick or e-mail.</source>
        <translation>コーディネーターに送る記録は、コーディネーターだけが開けるように鍵をかけ、この端末の署名を付けます。途中で書き換えられたファイルは取り込まれません。コーディネーターが鍵を作り、その鍵ファイルを推進委員に渡します。鍵ファイルに秘密は入っていないので、USBメモリでもメールでも渡せます。</translation>
    </message>
    <message>
        <source>This device&apos;s fingerprint</source>
        <translation>この端末の指紋</translation>
    </message>
    <message>
        <source>Sending records</source>
        <translation>記録を送る</translation>
    </message>
    <message>
        <source>Load coordinator key file…</source>
        <translation>コーディネーターの鍵ファイルを読み込む…</translation>
    </message>
    <message>
        <source>Stop using this key</source>
        <translation>この鍵を使うのをやめる</translation>
    </message>
    <message>
        <source>Receiving records (coordinators)</source>
        <translation>記録を受け取る（コーディネーター）</translation>
    </message>
    <message>
        <source>Create coordinator key…</source>
        <translation>コーディネーターの鍵を作る…</translation>
    </message>
    <message>
        <source>Save key file to hand out…</source>
        <translation>渡す鍵ファイルを保存…</translation>
    </message>
    <message>
        <source>Trusted devices</source>
        <translation>信頼する端末</translation>
    </message>
    <message>
        <source>Forget selected device…</source>
        <translation>選んだ端末を外す…</translation>
    </message>
    <message>
        <source>Reading keys…</source>
        <translation>鍵を読んでいます…</translation>
    </message>
    <message>
        <source>This device&apos;s fingerprint: {fingerprint}</source>
        <translation>この端末の指紋: {fingerprint}</translation>
    </message>
    <message>
        <source>No coordinator key loaded: exports are locked with a passphrase you choose (for moving your own records).</source>
        <translation>コーディネーターの鍵は読み込まれていません。書き出すファイルには、自分で決めたパスフレーズで鍵をかけます（自分の記録を移すとき用）。</translation>
    </message>
    <message>
        <source>Exports are locked for {name}, key {fingerprint}</source>
        <translation>書き出すファイルは「{name}」あてに鍵をかけます（鍵 {fingerprint}）</translation>
    </message>
    <message>
        <source>This device has no coordinator key.</source>
        <translation>この端末にはコーディネーターの鍵はありません。</translation>
    </message>
    <message>
        <source>This device&apos;s coordinator key: {fingerprint}</source>
        <translation>この端末のコーディネーターの鍵: {fingerprint}</translation>
    </message>
    <message>
        <source>{name}  ·  {fingerprint}  ·  since {day}</source>
        <translation>{name}  ·  {fingerprint}  ·  {day} から</translation>
    </message>
    <message>
        <source>Load coordinator key file</source>
        <translation>コーディネーターの鍵ファイルを読み込む</translation>
    </message>
    <message>
        <source>Exports are now locked for {name}. Check with the coordinator that the fingerprint is {fingerprint}.</source>
        <translation>これから書き出すファイルは「{name}」あてに鍵をかけます。指紋が {fingerprint} であることをコーディネーターに確かめてください。</translation>
    </message>
    <message>
        <source>Reading the key file…</source>
        <translation>鍵ファイルを読んでいます…</translation>
    </message>
    <message>
        <source>Exports are locked with a passphrase again.</source>
        <translation>書き出すファイルは、またパスフレーズで鍵をかけます。</translation>
    </message>
    <message>
        <source>Save the key file to hand out</source>
        <translation>渡す鍵ファイルを保存</translation>
    </message>
    <message>
        <source>Coordinator key made; its file is {path}. Hand it to the volunteers and read them the fingerprint {fingerprint}.</source>
        <translation>コーディネーターの鍵を作りました。鍵ファイルは {path} です。推進委員に渡し、指紋 {fingerprint} を読み上げて確かめ合ってください。</translation>
    </message>
    <message>
        <source>Making the key…</source>
        <translation>鍵を作っています…</translation>
    </message>
    <message>
        <source>Saved {path} (fingerprint {fingerprint}).</source>
        <translation>{path} を保存しました（指紋 {fingerprint}）。</translation>
    </message>
    <message>
        <source>Choose a device in the list first.</source>
        <translation>先に一覧から端末を選んでください。</translation>
    </message>
    <message>
        <source>Forget a device</source>
        <translation>端末を外す</translation>
    </message>
    <message>
        <source>Stop trusting this device?
{device}

Its next file will be shown as coming from a new device, to be checked again. Do this when a volunteer really has a new computer.</source>
        <translation>この端末を信頼する一覧から外しますか？
{device}

次にこの端末から届くファイルは、初めての端末として確かめ直すことになります。推進委員が本当にパソコンを替えたときに使ってください。</translation>
    </message>
    <message>
        <source>No longer trusted: {name}</source>
        <translation>信頼する端末から外しました: {name}</translation>
    </message>
</context>
<context>
    <name>LastAttendeesDialog</name>
    <message>
        <source>Last time&apos;s people</source>
        <translation>前回の参加者</translation>
    </message>
    <message>
        <source>Tick who came today. Those already here are ticked.</source>
        <translation>今日来た方にチェックを入れてください。もう出席に入っている方はチェック済みです。</translation>
    </message>
    <message>
        <source>People at the last sessions here</source>
        <translation>この会場の前回までの参加者</translation>
    </message>
    <message>
        <source>(already here)</source>
        <translation>（出席済み）</translation>
    </message>
    <message>
        <source>Tick everyone</source>
        <translation>全員にチェック</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Add the ticked people</source>
        <translation>チェックした方を追加</translation>
    </message>
</context>
<context>
    <name>LessonPicker</name>
    <message>
        <source>Choose lessons</source>
        <translation>講座を選ぶ</translation>
    </message>
    <message>
        <source>Which lessons does this session cover?</source>
        <translation>このセッションで扱う講座はどれですか？</translation>
    </message>
    <message>
        <source>Lessons by category</source>
        <translation>分野別の講座</translation>
    </message>
    <message numerus="yes">
        <source>%n steps</source>
        <translation>
            <numerusform>%n 手順</numerusform>
        </translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Use these lessons</source>
        <translation>この講座にする</translation>
    </message>
</context>
<context>
    <name>LessonsScreen</name>
    <message>
        <source>Lessons</source>
        <translation>講座</translation>
    </message>
    <message>
        <source>Lessons by category</source>
        <translation>分野別の講座</translation>
    </message>
    <message>
        <source>Lesson preview</source>
        <translation>講座のプレビュー</translation>
    </message>
    <message>
        <source>Print guide</source>
        <translation>手順書を印刷</translation>
    </message>
    <message>
        <source>Preview and print the lesson guide (Ctrl+P)</source>
        <translation>手順書を確認して印刷します（Ctrl+P）</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDFを保存</translation>
    </message>
    <message>
        <source>Save the lesson guide as a PDF file (Ctrl+S)</source>
        <translation>手順書をPDFファイルで保存します（Ctrl+S）</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>発表</translation>
    </message>
    <message>
        <source>Show the lesson one step at a time (F5)</source>
        <translation>講座を一手順ずつ大きく映します（F5）</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>保存しました: {path}</translation>
    </message>
    <message>
        <source>Your own lessons</source>
        <translation>自作の講座</translation>
    </message>
    <message>
        <source>Put your own lesson files in the ja or en folder inside this folder. New or changed lessons appear after dxhelper is started again.</source>
        <translation>自作の講座ファイルは、このフォルダーの中の ja または en フォルダーに入れてください。追加・変更した講座は dxhelper を起動し直すと表示されます。</translation>
    </message>
    <message>
        <source>Your lessons folder</source>
        <translation>自作講座のフォルダー</translation>
    </message>
    <message>
        <source>Your lessons folder:</source>
        <translation>自作講座のフォルダー:</translation>
    </message>
    <message>
        <source>Open my lessons folder</source>
        <translation>自作講座のフォルダーを開く</translation>
    </message>
    <message>
        <source>Check my lessons</source>
        <translation>自作講座をチェック</translation>
    </message>
    <message>
        <source>Look for mistakes in the lesson files, like `dxhelper lessons check`</source>
        <translation>講座ファイルの誤りを調べます（`dxhelper lessons check` と同じ）</translation>
    </message>
    <message>
        <source>Check result</source>
        <translation>チェック結果</translation>
    </message>
    <message>
        <source>Problems in the lesson files</source>
        <translation>講座ファイルの問題</translation>
    </message>
    <message>
        <source>(your own, replaces the built-in one)</source>
        <translation>（自作・標準の講座の代わりに使用）</translation>
    </message>
    <message>
        <source>(your own)</source>
        <translation>（自作）</translation>
    </message>
    <message>
        <source>Level {n}</source>
        <translation>レベル{n}</translation>
    </message>
    <message>
        <source>{n} min</source>
        <translation>{n}分</translation>
    </message>
    <message>
        <source>There are no lessons yet.</source>
        <translation>まだ講座がありません。</translation>
    </message>
    <message>
        <source>Choose a lesson to see its steps here.</source>
        <translation>講座を選ぶと、ここに手順が表示されます。</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>持ち物</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>手順</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>公式ページ</translation>
    </message>
    <message>
        <source>Helpline</source>
        <translation>問い合わせ先</translation>
    </message>
    <message>
        <source>About {n} minutes</source>
        <translation>約{n}分</translation>
    </message>
    <message>
        <source>Your own lesson</source>
        <translation>自作の講座</translation>
    </message>
    <message>
        <source>no QR code: not an official address</source>
        <translation>QRコードなし: 公式のアドレスではありません</translation>
    </message>
    <message>
        <source>Could not make the folder {path}: {reason}</source>
        <translation>フォルダー {path} を作れませんでした: {reason}</translation>
    </message>
    <message>
        <source>Could not open the folder. Its place is shown above.</source>
        <translation>フォルダーを開けませんでした。場所は上に表示しています。</translation>
    </message>
    <message>
        <source>Could not read the lessons: {reason}</source>
        <translation>講座ファイルを読めませんでした: {reason}</translation>
    </message>
    <message>
        <source>Problems found. Errors: {errors}, warnings: {warnings}.</source>
        <translation>問題が見つかりました。エラー {errors} 件、注意 {warnings} 件。</translation>
    </message>
    <message>
        <source>No problems found ({files} lesson files checked).</source>
        <translation>問題は見つかりませんでした（{files} 個の講座ファイルを確認）。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>dxhelper — digital help sessions</source>
        <translation>dxhelper — デジタル活用支援</translation>
    </message>
    <message>
        <source>Navigation</source>
        <translation>メニュー</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>今日</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>住民</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>講座</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation>フォローアップ</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>処理中</translation>
    </message>
    <message>
        <source>Practice data (made up). To switch to real records: Settings → Records</source>
        <translation>練習用データです（架空の記録）。実際の記録に切り替えるには 設定 → 記録</translation>
    </message>
    <message>
        <source>Use real records</source>
        <translation>実際の記録に切り替える</translation>
    </message>
    <message>
        <source>Another dxhelper is saving to these records; waiting for it…</source>
        <translation>別の dxhelper がこの記録に保存しています。終わるのを待っています…</translation>
    </message>
</context>
<context>
    <name>NewResidentDialog</name>
    <message>
        <source>New resident</source>
        <translation>新しい住民</translation>
    </message>
    <message>
        <source>The resident agrees to be recorded by name</source>
        <translation>ご本人が名前の記録に同意しました</translation>
    </message>
    <message>
        <source>We keep only their name, its reading, their age band, their district if they wish, and the lesson steps they finish, so the next volunteer can pick up where they left off. No address, birth date, card number or PIN is ever kept. They can ask for their record to be erased at any time. Without consent, count them as an unnamed attendee instead.</source>
        <translation>記録するのは、名前・よみがな・年代・（ご希望なら）地区と、できた講座の手順だけです。次の回に続きから手伝えるようにするためです。住所・生年月日・カードの番号・暗証番号は記録しません。ご本人はいつでも記録の消去を求められます。同意がないときは、名前を記録しない参加者として人数だけ数えてください。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Add resident</source>
        <translation>住民を追加</translation>
    </message>
    <message>
        <source>No consent, no named record.</source>
        <translation>同意がなければ、名前は記録しません。</translation>
    </message>
    <message>
        <source>A phone number is kept only when the resident agrees to it: tick the box.</source>
        <translation>電話番号は本人が同意したときだけ記録します。同意のチェックを入れてください。</translation>
    </message>
</context>
<context>
    <name>NextNoticeDialog</name>
    <message>
        <source>Next-session slips</source>
        <translation>次回のご案内</translation>
    </message>
    <message>
        <source>Identical slips to cut apart and hand to everybody who came.</source>
        <translation>同じ案内を1枚に並べて印刷します。切り分けて参加者に配ってください。</translation>
    </message>
    <message>
        <source>Date of the next session</source>
        <translation>次回の日付</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>What to bring (one per line)</source>
        <translation>持ち物（1行に1つ）</translation>
    </message>
    <message>
        <source>What to bring</source>
        <translation>持ち物</translation>
    </message>
    <message>
        <source>Note (optional)</source>
        <translation>メモ（なくてもよい）</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>e.g. Charge your phone before you come</source>
        <translation>例：スマホを充電してお越しください</translation>
    </message>
    <message>
        <source>Slips per page:</source>
        <translation>1枚に：</translation>
    </message>
    <message>
        <source>4 (larger)</source>
        <translation>4つ（大きめ）</translation>
    </message>
    <message>
        <source>8 (smaller)</source>
        <translation>8つ（小さめ）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>プレビュー…</translation>
    </message>
    <message>
        <source>Give the time and the venue.</source>
        <translation>時間と会場を入れてください。</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>PDFを作成中…</translation>
    </message>
</context>
<context>
    <name>OutcomeEditor</name>
    <message>
        <source>Procedures: done, or not yet and why</source>
        <translation>手続き：完了か、まだか（その理由）</translation>
    </message>
    <message>
        <source>No lessons yet.</source>
        <translation>まだ講座の記録がありません。</translation>
    </message>
    <message>
        <source>{lesson}: done or not yet</source>
        <translation>{lesson}：完了かまだか</translation>
    </message>
    <message>
        <source>—</source>
        <translation>—</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>修正を終える</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>まだ</translation>
    </message>
    <message>
        <source>{lesson}: why not yet</source>
        <translation>{lesson}：まだの理由</translation>
    </message>
    <message>
        <source>{lesson}: a few words</source>
        <translation>{lesson}：ひとこと</translation>
    </message>
    <message>
        <source>A few words (no numbers or PINs)</source>
        <translation>ひとこと（番号や暗証番号は書かない）</translation>
    </message>
</context>
<context>
    <name>PassphraseDialog</name>
    <message>
        <source>Protect the file with a passphrase</source>
        <translation>パスフレーズで守る</translation>
    </message>
    <message>
        <source>No coordinator key is loaded, so this file is locked with a passphrase instead: use it to move your own records, for example to a new laptop, where you type the same passphrase. To send records to your coordinator, load their key file in Settings, Keys.</source>
        <translation>コーディネーターの鍵が読み込まれていないので、このファイルにはパスフレーズで鍵をかけます。自分の記録を新しいパソコンなどに移すときに使い、移した先で同じパスフレーズを入れます。コーディネーターに送るときは、設定の「鍵」でコーディネーターの鍵ファイルを読み込んでください。</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>パスフレーズ</translation>
    </message>
    <message>
        <source>This file is locked with a passphrase</source>
        <translation>このファイルにはパスフレーズで鍵がかかっています</translation>
    </message>
    <message>
        <source>Type the passphrase that was chosen when it was exported.</source>
        <translation>書き出したときに決めたパスフレーズを入れてください。</translation>
    </message>
    <message>
        <source>Passphrase again</source>
        <translation>パスフレーズ（確認）</translation>
    </message>
    <message>
        <source>At least {count} characters</source>
        <translation>{count}文字以上</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>書き出す</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>Use at least {count} characters.</source>
        <translation>{count}文字以上にしてください。</translation>
    </message>
    <message>
        <source>The two passphrases differ. Type them again.</source>
        <translation>二つのパスフレーズが違います。もう一度入れてください。</translation>
    </message>
    <message>
        <source>Type the passphrase.</source>
        <translation>パスフレーズを入れてください。</translation>
    </message>
</context>
<context>
    <name>PdfActions</name>
    <message>
        <source>Could not make the PDF</source>
        <translation>PDFを作れませんでした</translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>PDFを作成中…</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDFを保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
    <message>
        <source>Could not save the PDF</source>
        <translation>PDFを保存できませんでした</translation>
    </message>
    <message>
        <source>Could not open the PDF</source>
        <translation>PDFを開けませんでした</translation>
    </message>
</context>
<context>
    <name>PhoneFields</name>
    <message>
        <source>Phone number for reminders (optional)</source>
        <translation>連絡用の電話番号（任意）</translation>
    </message>
    <message>
        <source>A phone number is kept, with consent (shown only on the call list).</source>
        <translation>電話番号を記録しています（本人の同意あり。電話リストにだけ載ります）。</translation>
    </message>
    <message>
        <source>No phone number is kept.</source>
        <translation>電話番号は記録していません。</translation>
    </message>
    <message>
        <source>Phone number (optional)</source>
        <translation>電話番号（任意）</translation>
    </message>
    <message>
        <source>e.g. 090-1234-5678</source>
        <translation>例：090-1234-5678</translation>
    </message>
    <message>
        <source>The resident agrees to be called on this number about sessions</source>
        <translation>講座の連絡のため、この番号に電話することに本人が同意した</translation>
    </message>
    <message>
        <source>Forget the phone number (consent withdrawn)</source>
        <translation>電話番号を消す（本人が同意を取り消した）</translation>
    </message>
</context>
<context>
    <name>PlanDialog</name>
    <message>
        <source>Plan a session</source>
        <translation>講座の予定を立てる</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Kind of session</source>
        <translation>セッションの種類</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>題名</translation>
    </message>
    <message>
        <source>e.g. Smartphone class for beginners</source>
        <translation>例：はじめてのスマホ教室</translation>
    </message>
    <message>
        <source>Places</source>
        <translation>定員</translation>
    </message>
    <message>
        <source>No lessons chosen yet.</source>
        <translation>講座はまだ選んでいません。</translation>
    </message>
    <message>
        <source>Choose lessons…</source>
        <translation>講座を選ぶ…</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>日付(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>時間(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Venue</source>
        <translation>会場(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Kind</source>
        <translation>種類(&amp;K)</translation>
    </message>
    <message>
        <source>T&amp;itle</source>
        <translation>題名(&amp;I)</translation>
    </message>
    <message>
        <source>&amp;Places</source>
        <translation>定員(&amp;P)</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>講座</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>くり返し</translation>
    </message>
    <message>
        <source>Only this date</source>
        <translation>この日だけ</translation>
    </message>
    <message>
        <source>&amp;Repeat</source>
        <translation>くり返し(&amp;R)</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>いつまで</translation>
    </message>
    <message>
        <source>&amp;Until</source>
        <translation>いつまで(&amp;U)</translation>
    </message>
    <message>
        <source>Untick the dates with no class (holidays):</source>
        <translation>お休みの日はチェックを外してください：</translation>
    </message>
    <message>
        <source>Dates of the series</source>
        <translation>くり返しの日付</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Plan it</source>
        <translation>予定に入れる</translation>
    </message>
</context>
<context>
    <name>PlannedList</name>
    <message>
        <source>Planned sessions</source>
        <translation>予定している講座</translation>
    </message>
    <message>
        <source>Plan a session…</source>
        <translation>予定を立てる…</translation>
    </message>
    <message>
        <source>Nothing planned yet.</source>
        <translation>まだ予定はありません。</translation>
    </message>
    <message>
        <source>(cancelled: no class this day)</source>
        <translation>（休み：この日はありません）</translation>
    </message>
    <message>
        <source>booked {booked}/{capacity}</source>
        <translation>予約 {booked}/{capacity}</translation>
    </message>
    <message numerus="yes">
        <source>%n waiting</source>
        <translation>
            <numerusform>キャンセル待ち%n人</numerusform>
        </translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Sign-ups…</source>
        <translation>申し込み…</translation>
    </message>
    <message>
        <source>Sign-ups</source>
        <translation>申し込み</translation>
    </message>
    <message>
        <source>Could not start the session</source>
        <translation>セッションを始められませんでした</translation>
    </message>
</context>
<context>
    <name>PresentationWindow</name>
    <message>
        <source>Presentation: {title}</source>
        <translation>発表: {title}</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>発表</translation>
    </message>
</context>
<context>
    <name>PresenterPanel</name>
    <message>
        <source>Presenter: {title}</source>
        <translation>発表者: {title}</translation>
    </message>
    <message>
        <source>Presenter panel</source>
        <translation>発表者用パネル</translation>
    </message>
    <message>
        <source>Current step</source>
        <translation>いまの手順</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>次の手順</translation>
    </message>
    <message>
        <source>Preview of the next step</source>
        <translation>次の手順のプレビュー</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>前へ</translation>
    </message>
    <message>
        <source>Go back one step (Left arrow)</source>
        <translation>一つ前の手順へ（←キー）</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>次へ</translation>
    </message>
    <message>
        <source>Go on to the next step (Right arrow)</source>
        <translation>次の手順へ（→キー）</translation>
    </message>
    <message>
        <source>End presentation</source>
        <translation>発表を終える</translation>
    </message>
    <message>
        <source>Close the presentation (Esc)</source>
        <translation>発表を閉じる（Escキー）</translation>
    </message>
    <message>
        <source>Step {n} / {total}: {title}</source>
        <translation>手順 {n} / {total}: {title}</translation>
    </message>
    <message>
        <source>Next: {title}</source>
        <translation>次: {title}</translation>
    </message>
    <message>
        <source>Next: this is the last step.</source>
        <translation>次: これが最後の手順です。</translation>
    </message>
</context>
<context>
    <name>PreviewDialog</name>
    <message>
        <source>Print preview</source>
        <translation>印刷プレビュー</translation>
    </message>
    <message>
        <source>page %1 of %2</source>
        <translation>%2ページ中%1ページ目</translation>
    </message>
    <message>
        <source>× %1 copies</source>
        <translation>× %1部</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s) to print</source>
        <translation>
            <numerusform>印刷するページ：%nページ</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing to print</source>
        <translation>印刷するものがありません</translation>
    </message>
    <message>
        <source>Cancel printing</source>
        <translation>印刷を中止</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>印刷を中止しました。</translation>
    </message>
    <message>
        <source>Could not print: %1</source>
        <translation>印刷できませんでした：%1</translation>
    </message>
    <message>
        <source>Printing page %1 of %2</source>
        <translation>印刷中 %1／%2ページ</translation>
    </message>
</context>
<context>
    <name>PrintRunDialog</name>
    <message>
        <source>Print handouts</source>
        <translation>配布資料の印刷</translation>
    </message>
    <message>
        <source>Lesson guides</source>
        <translation>講座の手引き</translation>
    </message>
    <message>
        <source>No lessons chosen for this session.</source>
        <translation>このセッションの講座が選ばれていません。</translation>
    </message>
    <message>
        <source>Copies of each guide</source>
        <translation>手引きの部数（各講座）</translation>
    </message>
    <message numerus="yes">
        <source>One for everybody who came: %n named or counted</source>
        <translation>
            <numerusform>参加者全員に1部ずつ：名前あり・人数のみ合わせて%n人</numerusform>
        </translation>
    </message>
    <message>
        <source>Personal sheets</source>
        <translation>個人シート</translation>
    </message>
    <message numerus="yes">
        <source>A progress sheet for each resident named today (%n)</source>
        <translation>
            <numerusform>今日名前を記録した方それぞれの進み具合シート（%n人分）</numerusform>
        </translation>
    </message>
    <message>
        <source>Next session (date, time, place)</source>
        <translation>次回の予定（日付・時間・会場）</translation>
    </message>
    <message>
        <source>e.g. Wed 10 Dec, 10:00, Chuo Hall</source>
        <translation>例：12月10日（水）10:00 中央公民館</translation>
    </message>
    <message>
        <source>Cancel printing</source>
        <translation>印刷を中止</translation>
    </message>
    <message>
        <source>Preview…</source>
        <translation>プレビュー…</translation>
    </message>
    <message>
        <source>Print…</source>
        <translation>印刷…</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>PDFを保存…</translation>
    </message>
    <message>
        <source>The chosen guides once, then the personal sheets</source>
        <translation>選んだ手引きを1部ずつと、個人シート</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Counting the pages…</source>
        <translation>ページ数を数えています…</translation>
    </message>
    <message>
        <source>double-sided</source>
        <translation>両面</translation>
    </message>
    <message>
        <source>single-sided</source>
        <translation>片面</translation>
    </message>
    <message numerus="yes">
        <source>%n page(s)</source>
        <translation>
            <numerusform>%nページ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n sheet(s) of paper</source>
        <translation>
            <numerusform>用紙%n枚</numerusform>
        </translation>
    </message>
    <message>
        <source>Making the PDF…</source>
        <translation>PDFを作成中…</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>印刷</translation>
    </message>
    <message>
        <source>Printing cancelled.</source>
        <translation>印刷を中止しました。</translation>
    </message>
    <message>
        <source>Could not print: %1</source>
        <translation>印刷できませんでした：%1</translation>
    </message>
    <message>
        <source>Printing page %1 of %2…</source>
        <translation>印刷中… %1／%2ページ</translation>
    </message>
    <message>
        <source>Save PDF</source>
        <translation>PDFを保存</translation>
    </message>
    <message>
        <source>PDF files (*.pdf)</source>
        <translation>PDFファイル (*.pdf)</translation>
    </message>
</context>
<context>
    <name>ProgressGrid</name>
    <message>
        <source>Lesson steps</source>
        <translation>講座の手順</translation>
    </message>
    <message>
        <source>Residents</source>
        <translation>住民</translation>
    </message>
</context>
<context>
    <name>ProgressModel</name>
    <message>
        <source>not yet</source>
        <translation>まだ</translation>
    </message>
    <message>
        <source>done</source>
        <translation>できた</translation>
    </message>
    <message>
        <source>needs help</source>
        <translation>要サポート</translation>
    </message>
    <message>
        <source> (earlier session)</source>
        <translation>（以前の回）</translation>
    </message>
    <message>
        <source>Click: ✓ done today</source>
        <translation>クリック: ✓ 今日できた</translation>
    </message>
    <message>
        <source>Click: △ needs help today</source>
        <translation>クリック: △ 今日は要サポート</translation>
    </message>
    <message>
        <source>Click: empty again</source>
        <translation>クリック: 空欄に戻す</translation>
    </message>
    <message>
        <source>Click: back as it was before today</source>
        <translation>クリック: 以前の回の記録に戻す</translation>
    </message>
</context>
<context>
    <name>ReportsScreen</name>
    <message>
        <source>Reports</source>
        <translation>集計</translation>
    </message>
    <message>
        <source>From month</source>
        <translation>開始月</translation>
    </message>
    <message>
        <source>To month</source>
        <translation>終了月</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Volunteer</source>
        <translation>推進委員</translation>
    </message>
    <message>
        <source>Kind of session</source>
        <translation>セッションの種類</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>From</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>To</source>
        <translation>終了</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Report tables</source>
        <translation>集計表</translation>
    </message>
    <message>
        <source>Attendances per month by lesson category</source>
        <translation>講座の分類別・月ごとの参加のべ人数</translation>
    </message>
    <message>
        <source>Chart of attendances per month</source>
        <translation>月ごとの参加のべ人数のグラフ</translation>
    </message>
    <message>
        <source>Save CSV…</source>
        <translation>CSVで保存…</translation>
    </message>
    <message>
        <source>Save Excel…</source>
        <translation>Excelで保存…</translation>
    </message>
    <message>
        <source>Save PDF summary…</source>
        <translation>PDFの集計表を保存…</translation>
    </message>
    <message>
        <source>Activity record (PDF)…</source>
        <translation>活動記録（PDF）…</translation>
    </message>
    <message>
        <source>The volunteer chosen above: their sessions in this period, on one page</source>
        <translation>上で選んだ推進委員の、この期間の活動を1枚にまとめます</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Records from other devices</source>
        <translation>ほかの端末の記録</translation>
    </message>
    <message>
        <source>Volunteers export their records as one .dxhelper file; a coordinator imports them all here. Nothing is written until every file has been checked, and a backup is taken first.</source>
        <translation>推進委員はそれぞれの記録を .dxhelper ファイル1つに書き出し、取りまとめ役がここですべて取り込みます。すべてのファイルを確かめ終わるまで何も書き込まず、取り込む前にバックアップを取ります。</translation>
    </message>
    <message>
        <source>Export this device&apos;s records…</source>
        <translation>この端末の記録を書き出す…</translation>
    </message>
    <message>
        <source>Import files…</source>
        <translation>ファイルを取り込む…</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>期間</translation>
    </message>
    <message>
        <source>Choose months</source>
        <translation>期間を指定</translation>
    </message>
    <message>
        <source>Type the first and last months, e.g. 2026-04, or step them with the arrows</source>
        <translation>始めと終わりの月を「2026-04」のように入力するか、矢印で1か月ずつ動かします</translation>
    </message>
    <message>
        <source>All venues</source>
        <translation>すべての会場</translation>
    </message>
    <message>
        <source>All volunteers</source>
        <translation>すべての推進委員</translation>
    </message>
    <message>
        <source>Counting…</source>
        <translation>集計中…</translation>
    </message>
    <message>
        <source>Note: {note}</source>
        <translation>注記: {note}</translation>
    </message>
    <message>
        <source>Save the report</source>
        <translation>集計を保存</translation>
    </message>
    <message>
        <source>Could not save</source>
        <translation>保存できませんでした</translation>
    </message>
    <message>
        <source>Writing the report…</source>
        <translation>集計を書き出し中…</translation>
    </message>
    <message>
        <source>Choose a volunteer under Volunteer first: the record is theirs.</source>
        <translation>先に「推進委員」でだれの活動記録かを選んでください。</translation>
    </message>
    <message>
        <source>Save the activity record</source>
        <translation>活動記録を保存</translation>
    </message>
    <message>
        <source>Writing the activity record…</source>
        <translation>活動記録を作っています…</translation>
    </message>
    <message>
        <source>Saved: {path}</source>
        <translation>保存しました: {path}</translation>
    </message>
    <message>
        <source>Export this device&apos;s records</source>
        <translation>この端末の記録を書き出す</translation>
    </message>
    <message>
        <source>dxhelper records (*.dxhelper)</source>
        <translation>dxhelper の記録 (*.dxhelper)</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>書き出し中…</translation>
    </message>
    <message>
        <source>Import records</source>
        <translation>記録の取り込み</translation>
    </message>
    <message>
        <source>Checking the files…</source>
        <translation>ファイルを確認中…</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>取り込み中…</translation>
    </message>
</context>
<context>
    <name>ResidentFinder</name>
    <message>
        <source>Residents</source>
        <translation>住民</translation>
    </message>
    <message>
        <source>Search residents by name or reading</source>
        <translation>名前かよみがなで住民を検索</translation>
    </message>
    <message>
        <source>e.g. やまだ</source>
        <translation>例: やまだ</translation>
    </message>
    <message>
        <source>&amp;Search by name or reading (kana)</source>
        <translation>名前かよみがなで検索(&amp;S)</translation>
    </message>
    <message numerus="yes">
        <source>%n found</source>
        <translation>
            <numerusform>%n 人見つかりました</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n residents</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
    <message>
        <source>No resident matches “{query}”.</source>
        <translation>「{query}」に当てはまる住民はいません。</translation>
    </message>
    <message>
        <source>No residents yet. They are added during a session, with their consent.</source>
        <translation>まだ住民の記録はありません。セッション中に、ご本人の同意を得て追加します。</translation>
    </message>
    <message>
        <source>Only the first matches are shown: type more of the name.</source>
        <translation>最初の候補だけを表示しています。名前をもう少し入力してください。</translation>
    </message>
</context>
<context>
    <name>ResidentForm</name>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Reading (kana)</source>
        <translation>よみがな</translation>
    </message>
    <message>
        <source>e.g. やまだ はなこ (used for search)</source>
        <translation>例: やまだ はなこ（検索に使います）</translation>
    </message>
    <message>
        <source>Nickname (optional)</source>
        <translation>呼び名（任意）</translation>
    </message>
    <message>
        <source>Nic&amp;kname (optional)</source>
        <translation>呼び名（任意）(&amp;K)</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年代</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>名前(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Reading (kana)</source>
        <translation>よみがな(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Age band</source>
        <translation>年代(&amp;A)</translation>
    </message>
    <message>
        <source>District (optional)</source>
        <translation>地区（任意）</translation>
    </message>
    <message>
        <source>e.g. Higashimachi</source>
        <translation>例：東町</translation>
    </message>
    <message>
        <source>Only to tell people of the same name apart. Never an address.</source>
        <translation>同じ名前の方を見分けるためだけに使います。住所は書かないでください。</translation>
    </message>
    <message>
        <source>&amp;District (optional)</source>
        <translation>地区（任意）(&amp;D)</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>N&amp;ote</source>
        <translation>メモ(&amp;O)</translation>
    </message>
</context>
<context>
    <name>ResidentsScreen</name>
    <message>
        <source>Resident details</source>
        <translation>住民の詳細</translation>
    </message>
    <message>
        <source>Choose a resident from the list to see their progress and history.</source>
        <translation>一覧から住民を選ぶと、進み具合と参加履歴が表示されます。</translation>
    </message>
    <message>
        <source>Nickname</source>
        <translation>呼び名</translation>
    </message>
    <message>
        <source>Reading (kana)</source>
        <translation>よみがな</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>年代</translation>
    </message>
    <message>
        <source>District</source>
        <translation>地区</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>同意日</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>&amp;Print personal sheet…</source>
        <translation>個人シートを印刷(&amp;P)…</translation>
    </message>
    <message>
        <source>Save sheet as P&amp;DF…</source>
        <translation>シートをPDFで保存(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>E&amp;rase…</source>
        <translation>消去(&amp;R)…</translation>
    </message>
    <message>
        <source>Preview and print the resident&apos;s progress sheet</source>
        <translation>この方の進み具合シートを確認して印刷します</translation>
    </message>
    <message>
        <source>Remove this person&apos;s name, attendance and progress for good</source>
        <translation>この方の名前・参加記録・進み具合を完全に消去します</translation>
    </message>
    <message>
        <source>Progress by lesson</source>
        <translation>講座ごとの進み具合</translation>
    </message>
    <message>
        <source>✓ done   △ needs help</source>
        <translation>✓ できた   △ 要サポート</translation>
    </message>
    <message>
        <source>Sessions attended</source>
        <translation>参加したセッション</translation>
    </message>
    <message>
        <source>Details of {name}</source>
        <translation>{name} さんの詳細</translation>
    </message>
    <message>
        <source>No steps recorded yet.</source>
        <translation>まだ記録された手順はありません。</translation>
    </message>
    <message>
        <source>{lesson} ({done} of {total} steps)</source>
        <translation>{lesson}（{total} 手順中 {done}）</translation>
    </message>
    <message>
        <source>{lesson} (no longer in the lessons)</source>
        <translation>{lesson}（現在の講座一覧にはありません）</translation>
    </message>
    <message>
        <source>{lesson}: {done} of {total} steps done</source>
        <translation>{lesson}: {total} 手順中 {done} 手順できた</translation>
    </message>
    <message>
        <source>✓ {done}  △ {help}</source>
        <translation>✓ {done}  △ {help}</translation>
    </message>
    <message>
        <source>{done} done, {help} need help</source>
        <translation>できた {done}、要サポート {help}</translation>
    </message>
    <message>
        <source>No sessions yet.</source>
        <translation>まだセッションはありません。</translation>
    </message>
    <message>
        <source>(unknown venue)</source>
        <translation>（会場不明）</translation>
    </message>
    <message>
        <source>Could not make the sheet</source>
        <translation>シートを作れませんでした</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>保存しました。</translation>
    </message>
    <message>
        <source>The resident&apos;s record was erased.</source>
        <translation>この方の記録を消去しました。</translation>
    </message>
</context>
<context>
    <name>SessionHeader</name>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Start time</source>
        <translation>開始時刻</translation>
    </message>
    <message>
        <source>End time</source>
        <translation>終了時刻</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>New venue name</source>
        <translation>新しい会場の名前</translation>
    </message>
    <message>
        <source>Add venue</source>
        <translation>会場を追加</translation>
    </message>
    <message>
        <source>Add a venue</source>
        <translation>会場を追加</translation>
    </message>
    <message>
        <source>Kind of session</source>
        <translation>セッションの種類</translation>
    </message>
    <message>
        <source>Topic of the consultation</source>
        <translation>相談の内容</translation>
    </message>
    <message>
        <source>(not said)</source>
        <translation>（選ばない）</translation>
    </message>
    <message>
        <source>Topic in a few words</source>
        <translation>相談の内容（短いことば）</translation>
    </message>
    <message>
        <source>In a few words</source>
        <translation>短いことばで</translation>
    </message>
    <message>
        <source>All sessions…</source>
        <translation>セッション一覧…</translation>
    </message>
    <message>
        <source>Find a session by month, venue or kind, and open it</source>
        <translation>月・会場・種類でセッションを探して開きます</translation>
    </message>
    <message>
        <source>Topic</source>
        <translation>相談の内容</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>時間</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
</context>
<context>
    <name>SessionScreen</name>
    <message>
        <source>No session is running</source>
        <translation>実施中のセッションはありません</translation>
    </message>
    <message>
        <source>Start a session</source>
        <translation>セッションを始める</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>開始</translation>
    </message>
    <message>
        <source>Who came:</source>
        <translation>参加者:</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>講座</translation>
    </message>
    <message>
        <source>Choose lessons…</source>
        <translation>講座を選ぶ…</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>発表</translation>
    </message>
    <message>
        <source>Progress: residents and lesson steps</source>
        <translation>進み具合: 住民と講座の手順</translation>
    </message>
    <message>
        <source>Click or Space: ✓ today → △ needs help → as before. Ctrl+Z undoes. Pale: earlier.</source>
        <translation>クリックかスペース: ✓今日できた → △要サポート → 元どおり。Ctrl+Zで戻す。薄い色は以前の回。</translation>
    </message>
    <message>
        <source>Sheet for the selected resident</source>
        <translation>選んだ方の進み具合シート</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>メモ</translation>
    </message>
    <message>
        <source>All sessions…</source>
        <translation>セッション一覧…</translation>
    </message>
    <message>
        <source>From a paper record</source>
        <translation>紙の記録から入力する</translation>
    </message>
    <message>
        <source>For a session held earlier: choose its date and start time, then enter it. You set the end time when you end it.</source>
        <translation>前に行ったセッションは、日付と開始時刻を選んでから入力を始めます。終了時刻は、終了するときに入れます。</translation>
    </message>
    <message>
        <source>Date of the session held earlier</source>
        <translation>前に行ったセッションの日付</translation>
    </message>
    <message>
        <source>Start time of the session held earlier</source>
        <translation>前に行ったセッションの開始時刻</translation>
    </message>
    <message>
        <source>Enter a past session</source>
        <translation>前のセッションを入力</translation>
    </message>
    <message>
        <source>Correct it</source>
        <translation>修正する</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>修正を終える</translation>
    </message>
    <message>
        <source>Done correcting: close this session</source>
        <translation>修正を終えて、このセッションを閉じる</translation>
    </message>
    <message>
        <source>Everyone who came today</source>
        <translation>今日の参加者の合計</translation>
    </message>
    <message>
        <source>Hide who came</source>
        <translation>参加者の欄を閉じる</translation>
    </message>
    <message>
        <source>Session notes</source>
        <translation>セッションのメモ</translation>
    </message>
    <message>
        <source>Never write a card number, PIN or password here.</source>
        <translation>ここにカードの番号・暗証番号・パスワードは書かないでください。</translation>
    </message>
    <message>
        <source>Print handouts…</source>
        <translation>資料を印刷…</translation>
    </message>
    <message>
        <source>The lesson guides and a progress sheet for each resident named today</source>
        <translation>講座の手順書と、今日名前を記録した方それぞれの進み具合シート</translation>
    </message>
    <message>
        <source>More printing</source>
        <translation>その他の印刷</translation>
    </message>
    <message>
        <source>Save PDF…</source>
        <translation>PDFを保存…</translation>
    </message>
    <message>
        <source>Open PDF</source>
        <translation>PDFを開く</translation>
    </message>
    <message>
        <source>Blank sign-in sheet…</source>
        <translation>受付票（白紙）…</translation>
    </message>
    <message>
        <source>Next-session slips…</source>
        <translation>次回のご案内…</translation>
    </message>
    <message>
        <source>Certificates of attendance…</source>
        <translation>受講証明書…</translation>
    </message>
    <message>
        <source>Discard this session…</source>
        <translation>このセッションを削除…</translation>
    </message>
    <message>
        <source>For a session started by mistake: it leaves every count and report</source>
        <translation>間違えて始めたセッションに。件数と集計から消えます</translation>
    </message>
    <message>
        <source>End session…</source>
        <translation>セッションを終了…</translation>
    </message>
    <message>
        <source>A session was not ended: resume it from Today.</source>
        <translation>終了していないセッションがあります。「今日」の画面から再開できます。</translation>
    </message>
    <message>
        <source>This session was discarded.</source>
        <translation>このセッションは削除されました。</translation>
    </message>
    <message>
        <source>Could not start the session</source>
        <translation>セッションを始められませんでした</translation>
    </message>
    <message>
        <source>Community centre</source>
        <translation>公民館</translation>
    </message>
    <message>
        <source>none chosen yet</source>
        <translation>まだ選んでいません</translation>
    </message>
    <message>
        <source>This session has ended. Correct it?</source>
        <translation>このセッションは終了しています。修正しますか？</translation>
    </message>
    <message>
        <source>Correcting an ended session: each change is saved at once.</source>
        <translation>終了したセッションを修正中です。変更はその場で保存されます。</translation>
    </message>
    <message>
        <source>The corrections are saved.</source>
        <translation>修正を保存しました。</translation>
    </message>
    <message>
        <source>The session was discarded.</source>
        <translation>セッションを削除しました。</translation>
    </message>
    <message>
        <source>Total {total} ({named} by name, {counted} counted)</source>
        <translation>合計 {total}人（名前 {named}・人数のみ {counted}）</translation>
    </message>
    <message>
        <source>Choose a resident in the grid first.</source>
        <translation>先に表の中で住民を選んでください。</translation>
    </message>
    <message>
        <source>Nobody is named in this session: there is no certificate to print.</source>
        <translation>このセッションには名前のある参加者がいないため、受講証明書は作れません。</translation>
    </message>
    <message>
        <source>Could not end the session</source>
        <translation>セッションを終了できませんでした</translation>
    </message>
    <message>
        <source>Session ended {start}–{end}. {named} by name, {unnamed} counted, {done} steps done, {help} need help next time.</source>
        <translation>セッションを終了しました（{start}〜{end}）。名前を記録した方 {named} 人、人数のみ {unnamed} 人、できた手順 {done}、次回サポートが必要な手順 {help}。</translation>
    </message>
</context>
<context>
    <name>SessionTeam</name>
    <message>
        <source>Volunteers:</source>
        <translation>推進委員：</translation>
    </message>
    <message>
        <source>Add a volunteer</source>
        <translation>推進委員を加える</translation>
    </message>
    <message>
        <source>Someone who helped at this session: an assistant or at reception</source>
        <translation>このセッションを手伝った人（アシスタントや受付）</translation>
    </message>
    <message>
        <source>Volunteers to add</source>
        <translation>加える推進委員</translation>
    </message>
    <message>
        <source>Name of the volunteer</source>
        <translation>推進委員の名前</translation>
    </message>
    <message>
        <source>Name of the volunteer to add</source>
        <translation>加える推進委員の名前</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>加える</translation>
    </message>
    <message>
        <source>Add this name</source>
        <translation>この名前を加える</translation>
    </message>
    <message>
        <source>Staffing guideline</source>
        <translation>人数の目安</translation>
    </message>
    <message>
        <source>New name…</source>
        <translation>新しい名前…</translation>
    </message>
</context>
<context>
    <name>SessionsDialog</name>
    <message>
        <source>Sessions</source>
        <translation>セッション一覧</translation>
    </message>
    <message>
        <source>All sessions</source>
        <translation>セッション一覧</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>月</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>Kind of session</source>
        <translation>セッションの種類</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>種類</translation>
    </message>
    <message>
        <source>Sessions found</source>
        <translation>見つかったセッション</translation>
    </message>
    <message>
        <source>Enter or a double click opens the chosen session.</source>
        <translation>Enter キーかダブルクリックで、選んだセッションを開きます。</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>All months</source>
        <translation>すべての月</translation>
    </message>
    <message>
        <source>All venues</source>
        <translation>すべての会場</translation>
    </message>
    <message>
        <source>All kinds</source>
        <translation>すべての種類</translation>
    </message>
    <message>
        <source>(not ended)</source>
        <translation>（未終了）</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%n 件</numerusform>
        </translation>
    </message>
    <message>
        <source>No session matches. Choose another month, venue or kind.</source>
        <translation>当てはまるセッションはありません。月・会場・種類を選び直してください。</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <source>Settings</source>
        <translation>設定</translation>
    </message>
    <message>
        <source>Text size</source>
        <translation>文字の大きさ</translation>
    </message>
    <message>
        <source>The window is drawn again at once in the new size.</source>
        <translation>画面はすぐに新しい大きさで表示し直されます。</translation>
    </message>
    <message>
        <source>Text size {n}%</source>
        <translation>文字の大きさ {n}%</translation>
    </message>
    <message>
        <source>Records</source>
        <translation>記録</translation>
    </message>
    <message>
        <source>Real records</source>
        <translation>実際の記録</translation>
    </message>
    <message>
        <source>Practice data</source>
        <translation>練習用データ</translation>
    </message>
    <message>
        <source>Handouts</source>
        <translation>配布資料</translation>
    </message>
    <message>
        <source>Paper size for printed guides and sheets.</source>
        <translation>印刷する手順書とシートの用紙サイズです。</translation>
    </message>
    <message>
        <source>A4</source>
        <translation>A4</translation>
    </message>
    <message>
        <source>A5 (half of A4)</source>
        <translation>A5（A4の半分）</translation>
    </message>
    <message>
        <source>Paper size {paper}</source>
        <translation>用紙サイズ {paper}</translation>
    </message>
    <message>
        <source>Large print by default</source>
        <translation>いつも大きな文字で印刷する</translation>
    </message>
    <message>
        <source>Trusted QR domains</source>
        <translation>QRコードにしてよいドメイン</translation>
    </message>
    <message>
        <source>Sites on go.jp and lg.jp are always trusted. Add other official domains whose pages may be printed as QR codes.</source>
        <translation>go.jp と lg.jp のサイトは常に信頼されます。QRコードにしてよい公式サイトのドメインをほかに追加できます。</translation>
    </message>
    <message>
        <source>New trusted domain</source>
        <translation>新しく信頼するドメイン</translation>
    </message>
    <message>
        <source>e.g. www.city.example.jp</source>
        <translation>例: www.city.example.jp</translation>
    </message>
    <message>
        <source>Add domain</source>
        <translation>ドメインを追加</translation>
    </message>
    <message>
        <source>Remove selected domain</source>
        <translation>選んだドメインを削除</translation>
    </message>
    <message>
        <source>Domain:</source>
        <translation>ドメイン:</translation>
    </message>
    <message>
        <source>Volunteers</source>
        <translation>推進委員</translation>
    </message>
    <message>
        <source>Choose yourself and press “This is me”: your name goes on your sessions.</source>
        <translation>ご自分を選んで「これが私」を押すと、セッションの記録にあなたの名前が入ります。</translation>
    </message>
    <message>
        <source>Volunteer name</source>
        <translation>推進委員の名前</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>名前:</translation>
    </message>
    <message>
        <source>Add volunteer</source>
        <translation>推進委員を追加</translation>
    </message>
    <message>
        <source>Rename selected</source>
        <translation>名前を変更</translation>
    </message>
    <message>
        <source>Rename selected volunteer</source>
        <translation>選んだ推進委員の名前を変更</translation>
    </message>
    <message>
        <source>This is me</source>
        <translation>これが私</translation>
    </message>
    <message>
        <source>Venues</source>
        <translation>会場</translation>
    </message>
    <message>
        <source>The default venue is chosen for you when a new session starts.</source>
        <translation>新しいセッションを始めるとき、いつもの会場が自動で選ばれます。</translation>
    </message>
    <message>
        <source>Venue name</source>
        <translation>会場名</translation>
    </message>
    <message>
        <source>Venue municipality</source>
        <translation>会場の自治体</translation>
    </message>
    <message>
        <source>Venue:</source>
        <translation>会場:</translation>
    </message>
    <message>
        <source>Practice data is made up: try every screen with it. It is kept in a folder of its own and never mixed with the real records.</source>
        <translation>練習用データは架空の記録です。どの画面も試せます。専用のフォルダーに保存され、実際の記録と混ざることはありません。</translation>
    </message>
    <message>
        <source>Municipality:</source>
        <translation>自治体:</translation>
    </message>
    <message>
        <source>Add venue</source>
        <translation>会場を追加</translation>
    </message>
    <message>
        <source>Rename selected venue</source>
        <translation>選んだ会場の名前を変更</translation>
    </message>
    <message>
        <source>Make default venue</source>
        <translation>いつもの会場にする</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>データの保存先</translation>
    </message>
    <message>
        <source>Your records, settings and your own lessons are kept in this folder.</source>
        <translation>記録・設定・自作の講座はこのフォルダーに保存されます。</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>フォルダーを開く</translation>
    </message>
    <message>
        <source>Open the data folder</source>
        <translation>データのフォルダーを開く</translation>
    </message>
    <message>
        <source>{name}  — this is me</source>
        <translation>{name}  — 私</translation>
    </message>
    <message>
        <source>{venue}  — default venue</source>
        <translation>{venue}  — いつもの会場</translation>
    </message>
    <message>
        <source>Type a domain first, for example www.city.example.jp.</source>
        <translation>先にドメインを入力してください（例: www.city.example.jp）。</translation>
    </message>
    <message>
        <source>Type only the domain, like www.city.example.jp: no https://, no / and no spaces.</source>
        <translation>ドメインだけを入力してください（例: www.city.example.jp）。https:// や / や空白は入れません。</translation>
    </message>
    <message>
        <source>{domain} is always trusted; there is no need to add it.</source>
        <translation>{domain} は常に信頼されるので、追加する必要はありません。</translation>
    </message>
    <message>
        <source>{domain} is already in the list.</source>
        <translation>{domain} はすでに一覧にあります。</translation>
    </message>
    <message>
        <source>Choose a domain in the list first.</source>
        <translation>先に一覧からドメインを選んでください。</translation>
    </message>
    <message>
        <source>Choose a volunteer in the list first, then type the new name.</source>
        <translation>先に一覧から推進委員を選び、新しい名前を入力してください。</translation>
    </message>
    <message>
        <source>Choose your name in the list first.</source>
        <translation>先に一覧からご自分の名前を選んでください。</translation>
    </message>
    <message>
        <source>Choose a venue in the list first, then type the new name.</source>
        <translation>先に一覧から会場を選び、新しい名前を入力してください。</translation>
    </message>
    <message>
        <source>Choose a venue in the list first.</source>
        <translation>先に一覧から会場を選んでください。</translation>
    </message>
    <message>
        <source>The folder could not be opened. Its place is shown above.</source>
        <translation>フォルダーを開けませんでした。場所は上に表示しています。</translation>
    </message>
</context>
<context>
    <name>SignupsDialog</name>
    <message>
        <source>Sign-ups</source>
        <translation>申し込み</translation>
    </message>
    <message>
        <source>Sign someone up</source>
        <translation>申し込みを受ける</translation>
    </message>
    <message>
        <source>Name or reading, then Enter</source>
        <translation>名前かよみがなを入れて Enter</translation>
    </message>
    <message>
        <source>Find a resident to sign up</source>
        <translation>申し込む方をさがす</translation>
    </message>
    <message>
        <source>Matching residents</source>
        <translation>見つかった住民</translation>
    </message>
    <message>
        <source>Sign up for every date of this series</source>
        <translation>このシリーズの全部の回に申し込む</translation>
    </message>
    <message>
        <source>New resident…</source>
        <translation>新しい住民…</translation>
    </message>
    <message>
        <source>Booked</source>
        <translation>予約</translation>
    </message>
    <message>
        <source>Waiting list</source>
        <translation>キャンセル待ち</translation>
    </message>
    <message>
        <source>Take back the chosen sign-up</source>
        <translation>選んだ申し込みを取り消す</translation>
    </message>
    <message>
        <source>Print the door list…</source>
        <translation>受付名簿を印刷…</translation>
    </message>
    <message>
        <source>Print the call list…</source>
        <translation>電話リストを印刷…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
    <message>
        <source>Booked: {booked} of {capacity}</source>
        <translation>予約：{capacity}人中{booked}人</translation>
    </message>
    <message numerus="yes">
        <source>Waiting list: %n</source>
        <translation>
            <numerusform>キャンセル待ち：%n人</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n places free.</source>
        <translation>
            <numerusform>空きは%n人です。</numerusform>
        </translation>
    </message>
    <message>
        <source>Waiting {n}.</source>
        <translation>待ち{n}.</translation>
    </message>
    <message>
        <source>No one found. Press “New resident…” to add them (with consent).</source>
        <translation>見つかりません。「新しい住民…」から追加できます（ご本人の同意が必要です）。</translation>
    </message>
    <message numerus="yes">
        <source>%n people match: choose with ↑↓, then Enter</source>
        <translation>
            <numerusform>%n人が当てはまります。↑↓で選んでEnter</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} is on the waiting list (number {n}).</source>
        <translation>{name}さんをキャンセル待ち（{n}番）にしました。</translation>
    </message>
    <message>
        <source>{name} is booked.</source>
        <translation>{name}さんを予約しました。</translation>
    </message>
    <message numerus="yes">
        <source>Signed up for %n dates of the series.</source>
        <translation>
            <numerusform>シリーズの%n回に申し込みました。</numerusform>
        </translation>
    </message>
    <message>
        <source>{name}&apos;s sign-up was taken back.</source>
        <translation>{name}さんの申し込みを取り消しました。</translation>
    </message>
    <message>
        <source>{name} moved up from the waiting list and is now booked: please call them on {phone}.</source>
        <translation>キャンセル待ちの{name}さんが繰り上がって予約になりました。{phone} に電話で知らせてください。</translation>
    </message>
    <message>
        <source>{name} moved up from the waiting list and is now booked: please let them know (no phone number kept).</source>
        <translation>キャンセル待ちの{name}さんが繰り上がって予約になりました。ご本人に知らせてください（電話番号の記録はありません）。</translation>
    </message>
    <message>
        <source>Door list</source>
        <translation>受付名簿</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>電話リスト</translation>
    </message>
</context>
<context>
    <name>TeamChip</name>
    <message>
        <source>Role of {name}</source>
        <translation>{name}の役割</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>外す</translation>
    </message>
    <message>
        <source>Remove {name} from this session</source>
        <translation>{name}をこのセッションから外す</translation>
    </message>
</context>
<context>
    <name>TodayScreen</name>
    <message>
        <source>Start a session</source>
        <translation>セッションを始める</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>セッション</translation>
    </message>
    <message>
        <source>Residents by name</source>
        <translation>名前を記録した住民</translation>
    </message>
    <message>
        <source>Residents counted</source>
        <translation>人数だけ数えた住民</translation>
    </message>
    <message>
        <source>Steps completed</source>
        <translation>できた手順</translation>
    </message>
    <message>
        <source>Recent sessions</source>
        <translation>最近のセッション</translation>
    </message>
    <message>
        <source>All sessions…</source>
        <translation>セッション一覧…</translation>
    </message>
    <message>
        <source>Click a session (or press Enter) to open it.</source>
        <translation>セッションをクリックする（または Enter キーを押す）と開きます。</translation>
    </message>
    <message>
        <source>This month</source>
        <translation>今月</translation>
    </message>
    <message>
        <source>Not ended yet:</source>
        <translation>未終了:</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>再開</translation>
    </message>
    <message>
        <source>Open this session</source>
        <translation>このセッションを開く</translation>
    </message>
    <message numerus="yes">
        <source>%n people</source>
        <translation>
            <numerusform>%n 人</numerusform>
        </translation>
    </message>
</context>
</TS>
