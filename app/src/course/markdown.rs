//! Markdown → safe HTML for module bodies (server only).
//!
//! CommonMark with the GitHub extensions trainers know (tables, footnotes, task lists, alerts),
//! with Campus IA's own touches: heading anchors and a table of contents, links between modules
//! turned into site URLs, accessible callouts, and ```` ```quiz ````/```` ```exercise ```` blocks cut
//! out as places for the interactive components. Every HTML piece goes through `ammonia` last, so
//! whatever a course file contains, the page stays inert (no scripts, no event handlers, no
//! `javascript:` links, no frames).

use std::{
    collections::{BTreeMap, HashMap, HashSet},
    sync::LazyLock,
};

use pulldown_cmark::{BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::{
    diagnostics::{LineIndex, Report},
    model::{Segment, TocEntry},
    slug::slugify,
};
use crate::i18n::Message;

/// Where a module's links may point.
pub struct LinkTargets<'a> {
    pub course_slug: &'a str,
    /// Module file name → module slug, for the modules listed in `course.toml`.
    pub modules: &'a HashMap<String, String>,
    /// Every file of the course folder, by path.
    pub files: &'a BTreeMap<String, Vec<u8>>,
}

/// A ```` ```quiz ```` or ```` ```exercise ```` block found in the body.
pub struct InteractiveBlock {
    pub kind: BlockKind,
    pub text: String,
    /// File line of the block's first content line (the one after the fence).
    pub first_line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    Quiz,
    Exercise,
}

pub struct RenderedBody {
    pub segments: Vec<Segment>,
    pub toc: Vec<TocEntry>,
    pub blocks: Vec<InteractiveBlock>,
}

/// Ids the page itself uses; headings never take them.
const RESERVED_IDS: [&str; 6] = ["contenu", "sommaire", "module-titre", "quiz", "exercice", "notes"];

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_GFM
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::default();
    builder
        .url_schemes(HashSet::from(["http", "https", "mailto", "tel"]))
        .add_tag_attributes("div", ["class", "role", "id"])
        .add_tag_attributes("span", ["class"])
        .add_tag_attributes("p", ["class"])
        .add_tag_attributes("sup", ["class", "id"])
        .add_tag_attributes("code", ["class"])
        .add_tag_attributes("img", ["loading", "title"])
        .add_tag_attributes("a", ["title"])
        // An image loads by itself when the page is read: it may only be a file of a course
        // (Markdown images are rewritten to `/cours/<cours>/fichiers/…`); anything else, such
        // as `<img src="/rh/export.csv">` written by hand, loses its address.
        .attribute_filter(|element, attribute, value| {
            let course_file = value.starts_with("/cours/") && value.contains("/fichiers/") && !value.contains("..");
            if element == "img" && attribute == "src" && !course_file {
                None
            } else {
                Some(value.into())
            }
        });
    for heading in ["h2", "h3", "h4", "h5", "h6"] {
        builder.add_tag_attributes(heading, ["id"]);
    }
    builder
});

/// Makes any HTML fragment safe to embed in a page.
pub fn sanitize(html: &str) -> String {
    SANITIZER.clean(html).to_string()
}

fn escape_attribute(text: &str) -> String {
    text.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;").replace('>', "&gt;")
}

fn callout_title(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "À savoir"),
        BlockQuoteKind::Tip => ("tip", "Astuce"),
        BlockQuoteKind::Important => ("important", "Essentiel"),
        BlockQuoteKind::Warning => ("warning", "Attention"),
        BlockQuoteKind::Caution => ("caution", "Danger"),
    }
}

fn heading_number(level: HeadingLevel) -> u8 {
    level as u8
}

/// What a link or image destination becomes on the site.
enum Target {
    Keep,
    Rewrite(String),
}

fn resolve(dest: &str, targets: &LinkTargets, image: bool) -> Result<Target, Message> {
    let dest = dest.trim();
    if dest.is_empty() {
        return Err(Message::new(if image { "course-check-image-without-address" } else { "course-check-link-without-address" }));
    }
    let lower = dest.to_ascii_lowercase();
    let scheme = lower.split_once(':').map(|(s, _)| s).filter(|s| !s.contains('/') && !s.contains('#'));
    if let Some(scheme) = scheme {
        if image {
            return Err(Message::new("course-check-image-external").arg("address", dest));
        }
        return match scheme {
            "http" | "https" | "mailto" | "tel" => Ok(Target::Keep),
            other => Err(Message::new("course-check-link-scheme-forbidden").arg("scheme", other)),
        };
    }
    if dest.starts_with('#') || dest.starts_with('/') {
        return if image {
            Err(Message::new("course-check-image-outside-folder").arg("address", dest))
        } else {
            Ok(Target::Keep)
        };
    }
    let relative = dest.trim_start_matches("./");
    let (path, fragment) = match relative.split_once('#') {
        Some((path, fragment)) => (path, format!("#{fragment}")),
        None => (relative, String::new()),
    };
    if path.starts_with("../") {
        return Err(Message::new("course-check-link-outside-course").arg("address", dest));
    }
    if !image {
        if let Some(slug) = targets.modules.get(path) {
            return Ok(Target::Rewrite(format!("/cours/{}/{slug}{fragment}", targets.course_slug)));
        }
        if path.ends_with(".md") && !path.contains('/') {
            return Err(Message::new("course-check-link-module-missing").arg("path", path));
        }
    }
    if targets.files.contains_key(path) {
        return Ok(Target::Rewrite(format!("/cours/{}/fichiers/{path}{fragment}", targets.course_slug)));
    }
    Err(Message::new(if image { "course-check-image-not-found" } else { "course-check-link-file-not-found" }).arg("path", path))
}

/// A heading being read: its text (for the anchor and the table of contents) and its events.
struct HeadingState {
    level: u8,
    offset: usize,
    text: String,
    events: Vec<Event<'static>>,
}

/// An image being read: its alternative text comes as the events inside it.
struct ImageState {
    dest: String,
    title: String,
    alt: String,
    offset: usize,
}

/// A fenced or indented code block being read; `interactive` for ```` ```quiz ````/```` ```exercise ````.
struct CodeState {
    kind: CodeBlockKind<'static>,
    interactive: Option<BlockKind>,
    text: String,
    offset: usize,
}

/// Renders a module body. `body_offset` is where the body starts in the file, so that positions
/// reported through `index` are file positions.
pub fn render_body(
    body: &str,
    body_offset: usize,
    index: &LineIndex,
    path: &str,
    targets: &LinkTargets,
    report: &mut Report,
) -> RenderedBody {
    let mut renderer = BodyRenderer::new(body_offset, index, path, targets, report);
    for (event, range) in Parser::new_ext(body, options()).into_offset_iter() {
        renderer.event(event.into_static(), range.start);
    }
    renderer.finish()
}

/// The state of [`render_body`] as it reads the Markdown events: the finished segments, the HTML
/// events of the current segment, and the heading, image or code block being read.
struct BodyRenderer<'r> {
    body_offset: usize,
    index: &'r LineIndex<'r>,
    path: &'r str,
    targets: &'r LinkTargets<'r>,
    report: &'r mut Report,
    segments: Vec<Segment>,
    toc: Vec<TocEntry>,
    blocks: Vec<InteractiveBlock>,
    /// The events of the HTML segment being built.
    chunk: Vec<Event<'static>>,
    used_ids: HashSet<String>,
    previous_level: u8,
    /// How deep in lists, quotes and footnotes the reader is (interactive blocks must be at 0).
    depth: usize,
    heading: Option<HeadingState>,
    image: Option<ImageState>,
    code: Option<CodeState>,
    quizzes: usize,
    exercises: usize,
}

impl<'r> BodyRenderer<'r> {
    fn new(body_offset: usize, index: &'r LineIndex<'r>, path: &'r str, targets: &'r LinkTargets<'r>, report: &'r mut Report) -> Self {
        BodyRenderer {
            body_offset,
            index,
            path,
            targets,
            report,
            segments: Vec::new(),
            toc: Vec::new(),
            blocks: Vec::new(),
            chunk: Vec::new(),
            used_ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            previous_level: 1,
            depth: 0,
            heading: None,
            image: None,
            code: None,
            quizzes: 0,
            exercises: 0,
        }
    }

    /// The file position (line, column) of a body offset.
    fn position(&self, offset: usize) -> (u32, u32) {
        self.index.position(self.body_offset + offset)
    }

    fn error(&mut self, offset: usize, message: Message) {
        let position = self.position(offset);
        self.report.error(self.path, position, message);
    }

    fn warning(&mut self, offset: usize, message: Message) {
        let position = self.position(offset);
        self.report.warning(self.path, position, message);
    }

    /// One event of the body, at `offset`: inside the code block, image or heading being read,
    /// or at the top level.
    fn event(&mut self, event: Event<'static>, offset: usize) {
        if self.code.is_some() {
            self.code_event(event);
        } else if self.image.is_some() {
            self.image_event(event);
        } else if self.heading.is_some() {
            self.heading_event(event, offset);
        } else {
            self.top_level_event(event, offset);
        }
    }

    /// The last segment, and what the body became.
    fn finish(mut self) -> RenderedBody {
        self.flush();
        RenderedBody { segments: self.segments, toc: self.toc, blocks: self.blocks }
    }

    /// Ends the current HTML segment: rendered, sanitised, kept unless empty.
    fn flush(&mut self) {
        if self.chunk.is_empty() {
            return;
        }
        let mut html = String::new();
        pulldown_cmark::html::push_html(&mut html, self.chunk.drain(..));
        let clean = sanitize(&html);
        if !clean.trim().is_empty() {
            self.segments.push(Segment::Html(clean));
        }
    }

    /// A link's destination as a site URL (a link to another module or to a file of the course);
    /// a broken or forbidden one is reported and left as written.
    fn rewrite_link(&mut self, event: Event<'static>, offset: usize) -> Event<'static> {
        if let Event::Start(Tag::Link { link_type, dest_url, title, id }) = event {
            let dest_url = match resolve(&dest_url, self.targets, false) {
                Ok(Target::Keep) => dest_url,
                Ok(Target::Rewrite(url)) => CowStr::from(url),
                Err(message) => {
                    self.error(offset, message);
                    dest_url
                }
            };
            Event::Start(Tag::Link { link_type, dest_url, title, id })
        } else {
            event
        }
    }

    /// Inside a code block: its text, until its end.
    fn code_event(&mut self, event: Event<'static>) {
        match event {
            Event::Text(text) => {
                if let Some(state) = self.code.as_mut() {
                    state.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(state) = self.code.take() {
                    self.end_code_block(state);
                }
            }
            _ => {}
        }
    }

    /// A quiz or exercise block becomes a segment of its own (and a block to parse); any other
    /// code block stays in the HTML.
    fn end_code_block(&mut self, state: CodeState) {
        match state.interactive {
            Some(kind) => {
                self.flush();
                let (fence_line, _) = self.position(state.offset);
                self.blocks.push(InteractiveBlock { kind, text: state.text, first_line: fence_line + 1 });
                self.segments.push(match kind {
                    BlockKind::Quiz => {
                        self.quizzes += 1;
                        Segment::Quiz(self.quizzes - 1)
                    }
                    BlockKind::Exercise => {
                        self.exercises += 1;
                        Segment::Exercise(self.exercises - 1)
                    }
                });
            }
            None => {
                self.chunk.push(Event::Start(Tag::CodeBlock(state.kind)));
                self.chunk.push(Event::Text(state.text.into()));
                self.chunk.push(Event::End(TagEnd::CodeBlock));
            }
        }
    }

    /// Inside an image: its alternative text, until its end.
    fn image_event(&mut self, event: Event<'static>) {
        match event {
            Event::End(TagEnd::Image) => {
                if let Some(state) = self.image.take() {
                    self.end_image(state);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some(state) = self.image.as_mut() {
                    state.alt.push_str(&text);
                }
            }
            _ => {}
        }
    }

    /// The image as an `<img>` that loads lazily; one without a real alternative text is reported.
    fn end_image(&mut self, state: ImageState) {
        if state.alt.trim().chars().count() < 3 {
            self.error(state.offset, Message::new("course-check-image-alt-missing"));
        }
        let title = if state.title.is_empty() {
            String::new()
        } else {
            format!(" title=\"{}\"", escape_attribute(&state.title))
        };
        self.chunk.push(Event::InlineHtml(
            format!(
                "<img src=\"{}\" alt=\"{}\"{title} loading=\"lazy\">",
                escape_attribute(&state.dest),
                escape_attribute(state.alt.trim())
            )
            .into(),
        ));
    }

    /// Inside a heading: its text and events (links rewritten), until its end.
    fn heading_event(&mut self, event: Event<'static>, offset: usize) {
        match event {
            Event::End(TagEnd::Heading(_)) => {
                if let Some(state) = self.heading.take() {
                    self.end_heading(state);
                }
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if let Some(state) = self.heading.as_mut() {
                    state.text.push_str(text);
                    state.events.push(event);
                }
            }
            other => {
                let other = self.rewrite_link(other, offset);
                if let Some(state) = self.heading.as_mut() {
                    state.events.push(other);
                }
            }
        }
    }

    /// The heading with its anchor, in the table of contents down to level 3; an empty heading,
    /// a level 1 or a skipped level is reported.
    fn end_heading(&mut self, state: HeadingState) {
        let text = state.text.trim().to_owned();
        let id = self.heading_id(&text);
        if text.is_empty() {
            self.error(state.offset, Message::new("course-check-heading-empty"));
        }
        if state.level == 1 {
            self.error(state.offset, Message::new("course-check-heading-level-one"));
        } else if state.level > self.previous_level + 1 {
            let message = Message::new("course-check-heading-level-skipped")
                .arg("level", state.level)
                .arg("previous", self.previous_level)
                .arg("expected", "#".repeat(self.previous_level as usize + 1));
            self.error(state.offset, message);
        }
        self.previous_level = state.level;
        if state.level <= 3 {
            self.toc.push(TocEntry { level: state.level, id: id.clone(), text });
        }
        self.chunk.push(Event::Html(format!("<h{} id=\"{id}\">", state.level).into()));
        self.chunk.extend(state.events);
        self.chunk.push(Event::Html(format!("</h{}>\n", state.level).into()));
    }

    /// A heading's anchor: its text as a slug, numbered after the first use (`-2`, `-3`…), never
    /// one of the page's own ids.
    fn heading_id(&mut self, text: &str) -> String {
        let mut id = slugify(text);
        if id.is_empty() {
            id = "section".into();
        }
        let base = id.clone();
        let mut n = 2;
        while self.used_ids.contains(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        self.used_ids.insert(id.clone());
        id
    }

    /// An event outside any heading, image or code block.
    fn top_level_event(&mut self, event: Event<'static>, offset: usize) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some(HeadingState { level: heading_number(level), offset, text: String::new(), events: Vec::new() });
            }
            Event::Start(Tag::Image { dest_url, title, .. }) => {
                let dest = match resolve(&dest_url, self.targets, true) {
                    Ok(Target::Keep) => dest_url.to_string(),
                    Ok(Target::Rewrite(url)) => url,
                    Err(message) => {
                        self.error(offset, message);
                        String::new()
                    }
                };
                self.image = Some(ImageState { dest, title: title.to_string(), alt: String::new(), offset });
            }
            Event::Start(Tag::CodeBlock(kind)) => self.start_code_block(kind, offset),
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                self.depth += 1;
                let (class, title) = callout_title(kind);
                self.chunk.push(Event::Html(
                    format!("<div class=\"callout callout--{class}\" role=\"note\"><p class=\"callout__title\">{title}</p>\n").into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.depth = self.depth.saturating_sub(1);
                self.chunk.push(Event::Html("</div>\n".into()));
            }
            Event::Start(tag) => {
                if matches!(tag, Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) {
                    self.depth += 1;
                }
                let event = self.rewrite_link(Event::Start(tag), offset);
                self.chunk.push(event);
            }
            Event::End(tag) => {
                if matches!(tag, TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) {
                    self.depth = self.depth.saturating_sub(1);
                }
                self.chunk.push(Event::End(tag));
            }
            Event::TaskListMarker(done) => {
                let (mark, label) = if done { ("☑", "Fait : ") } else { ("☐", "À faire : ") };
                self.chunk.push(Event::InlineHtml(
                    format!("<span class=\"task-marker\" aria-hidden=\"true\">{mark}</span><span class=\"visually-hidden\">{label}</span>").into(),
                ));
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                if !html.trim_start().starts_with("<!--") {
                    self.warning(offset, Message::new("course-check-html-by-hand"));
                }
                self.chunk.push(Event::Html(html));
            }
            other => self.chunk.push(other),
        }
    }

    /// A code block begins: a quiz or exercise block must be at the top level of the text.
    fn start_code_block(&mut self, kind: CodeBlockKind<'static>, offset: usize) {
        let info = match &kind {
            CodeBlockKind::Fenced(info) => info.split_whitespace().next().unwrap_or("").to_owned(),
            CodeBlockKind::Indented => String::new(),
        };
        let interactive = match info.as_str() {
            "quiz" => Some(BlockKind::Quiz),
            "exercise" | "exercice" => Some(BlockKind::Exercise),
            _ => None,
        };
        if interactive.is_some() && self.depth > 0 {
            self.error(offset, Message::new("course-check-block-nested").arg("block", info.as_str()));
        }
        if info == "exercice" {
            self.warning(offset, Message::new("course-check-block-french-name"));
        }
        self.code = Some(CodeState { kind, interactive, text: String::new(), offset });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(body: &str) -> (RenderedBody, Vec<String>) {
        let modules = HashMap::from([("02-suite.md".to_owned(), "suite".to_owned())]);
        let files = BTreeMap::from([
            ("images/schema.png".to_owned(), vec![1u8]),
            ("documents/lettre.md".to_owned(), b"lettre".to_vec()),
        ]);
        let targets = LinkTargets { course_slug: "cours", modules: &modules, files: &files };
        let index = LineIndex::new(body);
        let mut report = Report::default();
        let rendered = render_body(body, 0, &index, "m.md", &targets, &mut report);
        (rendered, report.into_sorted().iter().map(ToString::to_string).collect())
    }

    fn html(rendered: &RenderedBody) -> String {
        rendered
            .segments
            .iter()
            .map(|s| match s {
                Segment::Html(h) => h.clone(),
                Segment::Quiz(i) => format!("[quiz {i}]"),
                Segment::Exercise(i) => format!("[exercise {i}]"),
            })
            .collect()
    }

    #[test]
    fn headings_get_anchors_and_a_table_of_contents() {
        let (rendered, problems) = render("## Une machine à prédire\n\ntexte\n\n### Détail *important*\n\n## Une machine à prédire\n");
        assert!(problems.is_empty(), "{problems:?}");
        let html = html(&rendered);
        assert!(html.contains("<h2 id=\"une-machine-a-predire\">Une machine à prédire</h2>"), "{html}");
        assert!(html.contains("<h3 id=\"detail-important\">Détail <em>important</em></h3>"), "{html}");
        assert!(html.contains("id=\"une-machine-a-predire-2\""), "duplicate ids get a suffix");
        assert_eq!(rendered.toc.len(), 3);
        assert_eq!(rendered.toc[1].text, "Détail important");
    }

    #[test]
    fn heading_levels_may_not_skip_or_use_h1() {
        let (_, problems) = render("# Titre\n\n## A\n\n#### B\n");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].starts_with("m.md:1:1: titre de niveau 1"));
        assert!(problems[1].starts_with("m.md:5:1: niveau de titre sauté"), "{problems:?}");
    }

    #[test]
    fn links_between_modules_and_to_files_become_site_urls() {
        let (rendered, problems) = render(
            "Voir [la suite](02-suite.md#fin), [la lettre](documents/lettre.md), [Légifrance](https://www.legifrance.gouv.fr) et [plus haut](#a).\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let html = html(&rendered);
        assert!(html.contains("href=\"/cours/cours/suite#fin\""), "{html}");
        assert!(html.contains("href=\"/cours/cours/fichiers/documents/lettre.md\""), "{html}");
        assert!(html.contains("href=\"https://www.legifrance.gouv.fr\""), "{html}");
        assert!(html.contains("href=\"#a\""), "{html}");
    }

    #[test]
    fn broken_links_and_images_are_located() {
        let (_, problems) =
            render("Texte.\n\nUn [lien](03-absent.md) et [un autre](documents/absent.pdf).\n\n![](images/schema.png)\n\n![Logo](https://exemple.fr/logo.png)\n");
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].starts_with("m.md:3:4: lien cassé : le module « 03-absent.md »"), "{problems:?}");
        assert!(problems[1].starts_with("m.md:3:28: lien cassé : « documents/absent.pdf »"), "{problems:?}");
        assert!(problems[2].starts_with("m.md:5:1: image sans texte de remplacement"), "{problems:?}");
        assert!(problems[3].starts_with("m.md:7:1: image externe"), "{problems:?}");
    }

    #[test]
    fn images_keep_their_alternative_text() {
        let (rendered, problems) = render("![Schéma : le modèle prédit le mot suivant](images/schema.png)\n");
        assert!(problems.is_empty(), "{problems:?}");
        let html = html(&rendered);
        assert!(html.contains("src=\"/cours/cours/fichiers/images/schema.png\""), "{html}");
        assert!(html.contains("alt=\"Schéma : le modèle prédit le mot suivant\""), "{html}");
    }

    #[test]
    fn gfm_extensions_render_accessibly() {
        let (rendered, problems) = render(
            "> [!WARNING]\n> Ne collez pas de données personnelles.\n\n| A | B |\n| --- | --- |\n| 1 | 2 |\n\n- [x] fait\n- [ ] à faire\n\nNote[^1].\n\n[^1]: Source.\n",
        );
        assert!(problems.is_empty(), "{problems:?}");
        let html = html(&rendered);
        assert!(html.contains("<div class=\"callout callout--warning\" role=\"note\"><p class=\"callout__title\">Attention</p>"), "{html}");
        assert!(html.contains("<table>"), "{html}");
        assert!(html.contains("<span class=\"visually-hidden\">Fait : </span>"), "{html}");
        assert!(!html.contains("<input"), "{html}");
        assert!(html.contains("footnote-reference"), "{html}");
    }

    #[test]
    fn interactive_blocks_are_cut_out_with_their_lines() {
        let (rendered, problems) = render("Intro.\n\n```quiz\n? Q\n- (x) a\n```\n\nMilieu.\n\n```exercise\nkind = \"prompt\"\n```\n\n```rust\nfn main() {}\n```\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(html(&rendered).matches("[quiz 0]").count(), 1);
        assert!(html(&rendered).contains("[exercise 0]"));
        assert!(html(&rendered).contains("fn main() {}"), "ordinary code stays");
        assert_eq!(rendered.blocks.len(), 2);
        assert_eq!(rendered.blocks[0].first_line, 4);
        assert_eq!(rendered.blocks[0].kind, BlockKind::Quiz);
        assert_eq!(rendered.blocks[1].first_line, 11);
        let (_, problems) = render("- item\n\n  ```quiz\n  ? Q\n  ```\n");
        assert!(problems[0].contains("premier niveau"), "{problems:?}");
    }

    #[test]
    fn hostile_markup_is_inert() {
        let (rendered, problems) = render(
            "<script>alert(1)</script>\n\n[clic](javascript:alert(1))\n\n<img src=x onerror=\"alert(1)\">\n\n<iframe src=\"https://exemple.fr\"></iframe>\n\n<a href=\"javascript:alert(2)\" onclick=\"x()\">a</a>\n\n<p style=\"color:red\" onmouseover=\"x()\">p</p>\n",
        );
        let html = html(&rendered).to_lowercase();
        for forbidden in ["<script", "javascript:", "onerror", "<iframe", "onclick", "onmouseover", "style="] {
            assert!(!html.contains(forbidden), "{forbidden} survived in {html}");
        }
        assert!(problems.iter().any(|p| p.contains("lien non autorisé")), "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("HTML écrit à la main")), "{problems:?}");
    }

    #[test]
    fn hand_written_images_may_only_load_course_files() {
        let cleaned = sanitize("<p><img src=\"/rh/export.csv\" alt=\"x\"><img src=\"https://pixel.example/t.gif\" alt=\"y\"><img src=\"/cours/c/fichiers/images/a.png\" alt=\"z\"></p>");
        assert!(!cleaned.contains("/rh/export.csv") && !cleaned.contains("pixel.example"), "{cleaned}");
        assert!(cleaned.contains("src=\"/cours/c/fichiers/images/a.png\""), "{cleaned}");
    }
}
