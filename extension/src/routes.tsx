// Hash routes: a chrome-extension:// page reloads to index.html, so the view lives after the '#'.
import { Route } from '@solidjs/router'
import { HomePage } from './features/spaces/home-page'
import { SpacePage } from './features/spaces/space-page'
import { TagPage } from './features/tags/tag-page'

export const routes = () => (
  <>
    <Route path="/space/:spaceId/:groupId?" component={SpacePage} />
    <Route path="/tag/:tag" component={TagPage} />
    <Route path="*" component={HomePage} />
  </>
)
