app_name = "calls_office"
urlpatterns = []
