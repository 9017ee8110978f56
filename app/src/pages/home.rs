//! The home page: what Campus IA is and who it is for.

use leptos::prelude::*;
use leptos_meta::{Meta, Title};

use crate::{
    components::quick_check::{QuickCheck, QUICK_CHECK_TEXTS},
    i18n::{tr, use_locale, IslandTexts},
};

#[component]
pub fn HomePage() -> impl IntoView {
    view! {
        <Title text=""/>
        <Meta name="description" content=tr("home-meta-description")/>
        <div class="page home">
            <section class="hero" aria-labelledby="home-title">
                <h1 id="home-title">{tr("home-title")}</h1>
                <p class="hero__lead">{tr("home-lead")}</p>
            </section>
            <section class="features" aria-labelledby="features-title">
                <h2 id="features-title" class="visually-hidden">{tr("home-features-title")}</h2>
                <ul class="feature-list">
                    <li class="feature">
                        <h3>{tr("home-learn-title")}</h3>
                        <p>{tr("home-learn-text")}</p>
                    </li>
                    <li class="feature">
                        <h3>{tr("home-practise-title")}</h3>
                        <p>{tr("home-practise-text")}</p>
                    </li>
                    <li class="feature">
                        <h3>{tr("home-follow-title")}</h3>
                        <p>{tr("home-follow-text")}</p>
                    </li>
                </ul>
            </section>
            <QuickCheck texts=IslandTexts::new(use_locale(), QUICK_CHECK_TEXTS)/>
            <section class="sovereignty" aria-labelledby="sovereignty-title">
                <h2 id="sovereignty-title">{tr("home-sovereignty-title")}</h2>
                <p>{tr("home-sovereignty-text")}</p>
            </section>
        </div>
    }
}
